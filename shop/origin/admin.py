"""Staff see every producer's areas and batches (support, and answering a shopper who
reports a lot); producers edit theirs in the portal."""

from django.contrib import admin

from .models import Batch, OriginArea


@admin.register(OriginArea)
class OriginAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "partner", "province_code", "planting_code", "standard", "area_ha")
    list_filter = ("standard", "province_code")
    search_fields = ("name", "planting_code", "partner__name")
    autocomplete_fields = ("products",)
    list_select_related = ("partner",)


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    list_display = ("lot_number", "product", "partner", "produced_on", "best_before", "quantity")
    list_filter = ("best_before",)
    search_fields = ("lot_number", "product__title", "partner__name")
    raw_id_fields = ("product", "stockrecord", "area")
    list_select_related = ("product", "partner")
    date_hierarchy = "produced_on"

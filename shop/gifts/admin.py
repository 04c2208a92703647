"""Staff edit gift sets (with their components), box types and occasions in the Django
admin. A gift set's product (photos, description, price) is edited in Oscar's dashboard."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from shop.ocop.rules import check_product

from .models import (
    BoxType,
    ComponentCommission,
    CorporateBatch,
    GiftComponent,
    GiftSet,
    Occasion,
    OrderLineComponent,
)


class GiftComponentInline(admin.TabularInline):
    model = GiftComponent
    extra = 1
    min_num = 1
    raw_id_fields = ("product",)


@admin.register(GiftSet)
class GiftSetAdmin(admin.ModelAdmin):
    list_display = ("__str__", "curator_partner", "curator_user", "on_sale", "lapse_notified_at")
    list_filter = ("occasions", "curator_partner")
    search_fields = ("product__title",)
    raw_id_fields = ("product", "curator_user")
    filter_horizontal = ("occasions",)
    readonly_fields = ("lapse_notified_at", "sale_state")
    inlines = [GiftComponentInline]

    @admin.display(description=_("Đang bán"), boolean=True)
    def on_sale(self, obj):
        return check_product(product=obj.product).sellable

    @admin.display(description=_("Tình trạng bán"))
    def sale_state(self, obj):
        verdict = check_product(product=obj.product)
        return _("Đang bán") if verdict.sellable else verdict.reason


@admin.register(BoxType)
class BoxTypeAdmin(admin.ModelAdmin):
    list_display = ("__str__", "size", "is_active", "sort_order")
    list_editable = ("is_active", "sort_order")
    raw_id_fields = ("product",)


@admin.register(Occasion)
class OccasionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "is_corporate", "sort_order")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(OrderLineComponent)
class OrderLineComponentAdmin(admin.ModelAdmin):
    list_display = ("line", "title", "partner", "quantity", "unit_price", "fulfilment")
    list_filter = ("fulfilment",)
    raw_id_fields = ("line", "product", "stockrecord")

    def has_change_permission(self, request, obj=None):
        return False  # written at placement only


@admin.register(ComponentCommission)
class ComponentCommissionAdmin(admin.ModelAdmin):
    list_display = ("component", "partner", "rate", "gross", "commission", "payout")
    raw_id_fields = ("component", "order_line", "payout_record")

    def has_change_permission(self, request, obj=None):
        return False  # money records are written by the shop only


@admin.register(CorporateBatch)
class CorporateBatchAdmin(admin.ModelAdmin):
    """Corporate batches (CSV uploads): one VietQR transfer, the batch reference as its note;
    staff mark each order of the batch paid when the money arrives."""

    list_display = ("reference", "company_name", "buyer", "product", "total", "created_at")
    search_fields = ("reference", "company_name", "tax_code", "buyer__email")
    readonly_fields = ("reference", "buyer", "product", "orders", "total", "created_at")
    fields = ("reference", "company_name", "tax_code", *readonly_fields[1:])
    actions = ["mark_paid"]

    @admin.action(description=_("Đã nhận chuyển khoản của cả lô: đánh dấu mọi đơn đã thanh toán"))
    def mark_paid(self, request, queryset):
        from shop.payments.services import mark_transfer_received

        marked = 0
        for batch in queryset.prefetch_related("orders"):
            for order in batch.orders.all():
                marked += mark_transfer_received(order=order, reference=batch.reference)
        self.message_user(request, _("Đã đánh dấu %(n)s đơn đã thanh toán.") % {"n": marked})

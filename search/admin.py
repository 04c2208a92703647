from django.contrib import admin

from .models import Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ("terms", "one_way", "active")
    list_editable = ("one_way", "active")
    list_filter = ("one_way", "active")
    search_fields = ("terms",)

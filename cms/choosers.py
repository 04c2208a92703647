"""Choosers for the Wagtail admin: editors pick catalogue products and producers by name.

They are registered in ``wagtail_hooks`` (which also makes them the widget of every foreign
key to these models in page forms); ``ProductChooserBlock`` / ``ProducerChooserBlock`` are
their StreamField blocks. Choosing never decides what shoppers see: pages filter what was
chosen through THE sellability rule each time they render.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from shop.text import fold


class NameSearchForm(BaseFilterForm):
    """A plain "contains" search; the title may be typed with or without diacritics."""

    q = forms.CharField(
        label=_("Tìm"),
        widget=forms.TextInput(attrs={"placeholder": _("Tên, mã…")}),
        required=False,
    )
    search_fields: tuple[str, ...] = ()

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": query})
            # "suoi ngoc" finds "Suối Ngọc": compare folded names (one column, in Python;
            # the lists editors choose from hold thousands of rows, not millions).
            folded = fold(query).lower()
            name = self.search_fields[0]
            matches = [
                pk
                for pk, value in objects.values_list("pk", name)
                if folded in fold(value or "").lower()
            ]
            objects = objects.filter(condition | Q(pk__in=matches))
            self.is_searching = True
            self.search_query = query
        return objects


class ProductSearchForm(NameSearchForm):
    search_fields = ("title", "upc", "certificates__certificate_no")

    def filter(self, objects):
        return super().filter(objects).distinct()


class ProducerSearchForm(NameSearchForm):
    search_fields = ("name", "registry_code", "province_name")


class ProductChooseView(ChooseView):
    filter_form_class = ProductSearchForm


class ProductChooseResultsView(ChooseResultsView):
    filter_form_class = ProductSearchForm


class ProducerChooseView(ChooseView):
    filter_form_class = ProducerSearchForm


class ProducerChooseResultsView(ChooseResultsView):
    filter_form_class = ProducerSearchForm


class ProductChooserViewSet(ChooserViewSet):
    model = "catalogue.Product"
    icon = "tag"
    choose_one_text = _("Chọn sản phẩm")
    choose_another_text = _("Chọn sản phẩm khác")
    edit_item_text = _("Sửa")
    per_page = 20
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView

    def get_object_list(self):
        # Products a shopper can open (not variants); whether they sell today is decided
        # when a page renders, not here.
        return get_model("catalogue", "Product").objects.browsable().order_by("title")


class ProducerChooserViewSet(ChooserViewSet):
    model = "partner.Partner"
    icon = "group"
    choose_one_text = _("Chọn nhà sản xuất")
    choose_another_text = _("Chọn nhà sản xuất khác")
    edit_item_text = _("Sửa")
    per_page = 20
    choose_view_class = ProducerChooseView
    choose_results_view_class = ProducerChooseResultsView

    def get_object_list(self):
        return get_model("partner", "Partner").objects.order_by("name")


product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="chon-san-pham")
producer_chooser_viewset = ProducerChooserViewSet(
    "producer_chooser", url_prefix="chon-nha-san-xuat"
)

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="cms.choosers"
)
ProducerChooserBlock = producer_chooser_viewset.get_block_class(
    name="ProducerChooserBlock", module_path="cms.choosers"
)

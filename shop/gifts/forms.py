"""Forms of the gift storefront: the listing's filters, the build-your-own box (a plain form
of quantity inputs, so it works without JavaScript) and the corporate CSV upload."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from shop.ocop.models import ProductGroup

from . import corporate
from .models import BOX_CONTENTS_OPTION, Occasion

Option = get_model("catalogue", "Option")

# Price bands of the listing: (slug, label, lower bound inclusive, upper bound exclusive).
PRICE_BANDS = [
    ("duoi-500k", gettext_lazy("Dưới 500.000 ₫"), None, 500_000),
    ("500k-1tr", gettext_lazy("500.000–1.000.000 ₫"), 500_000, 1_000_001),
    ("tren-1tr", gettext_lazy("Trên 1.000.000 ₫"), 1_000_001, None),
]

QTY_PREFIX = "qty-"
MAX_PER_PRODUCT = 20


class GiftFilterForm(forms.Form):
    dip = forms.ModelChoiceField(
        label=gettext_lazy("Dịp"),
        queryset=Occasion.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Mọi dịp"),
    )
    gia = forms.ChoiceField(
        label=gettext_lazy("Khoảng giá"),
        choices=[("", gettext_lazy("Mọi mức giá"))]
        + [(s, label) for s, label, _lo, _hi in PRICE_BANDS],
        required=False,
    )

    sap_xep = forms.ChoiceField(
        label=gettext_lazy("Sắp xếp"),
        choices=[
            ("", gettext_lazy("Mới nhất")),
            ("gia-tang", gettext_lazy("Giá thấp đến cao")),
            ("gia-giam", gettext_lazy("Giá cao đến thấp")),
        ],
        required=False,
    )

    def ordering(self) -> list[str] | None:
        choice = self.cleaned_data.get("sap_xep") if self.is_valid() else ""
        return {"gia-tang": ["gift_price", "pk"], "gia-giam": ["-gift_price", "-pk"]}.get(choice)

    def band(self) -> tuple[int | None, int | None]:
        slug = self.cleaned_data.get("gia") if self.is_valid() else ""
        for s, _label, low, high in PRICE_BANDS:
            if s == slug:
                return low, high
        return None, None


class BoxFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Tìm sản phẩm"), required=False, max_length=80)
    nhom = forms.ChoiceField(
        label=gettext_lazy("Nhóm"),
        choices=[("", gettext_lazy("Mọi nhóm"))]
        + [(g.value, g.label) for g in ProductGroup if g != ProductGroup.TOURISM],
        required=False,
    )


@dataclass(frozen=True)
class Chosen:
    quantities: dict[int, int]
    errors: list[str]

    @property
    def items(self) -> list[dict]:
        """The box contents as they travel on the basket line."""
        return [{"product": pk, "quantity": n} for pk, n in self.quantities.items() if n > 0]

    @property
    def count(self) -> int:
        return sum(self.quantities.values())


def parse_quantities(data) -> Chosen:
    """``qty-<product id>`` fields → {product id: quantity}; blanks and zeros are dropped,
    anything not a whole number from 0 to MAX_PER_PRODUCT is an error."""
    quantities: dict[int, int] = {}
    errors: list[str] = []
    for key in data:
        if not key.startswith(QTY_PREFIX):
            continue
        raw_pk = key[len(QTY_PREFIX) :]
        raw = (data.get(key) or "").strip()
        if not raw_pk.isdigit():
            errors.append(_("Sản phẩm không hợp lệ."))
            continue
        if raw == "":
            continue
        try:
            quantity = int(raw)
        except ValueError:
            errors.append(_("Số lượng phải là số nguyên: “%(value)s”.") % {"value": raw[:20]})
            continue
        if quantity < 0 or quantity > MAX_PER_PRODUCT:
            errors.append(_("Số lượng mỗi món từ 0 đến %(max)s.") % {"max": MAX_PER_PRODUCT})
            continue
        if quantity:
            quantities[int(raw_pk)] = quantities.get(int(raw_pk), 0) + quantity
    return Chosen(quantities, errors)


def box_option():
    return Option.objects.get(code=BOX_CONTENTS_OPTION)


class CorporateForm(forms.Form):
    product = forms.ModelChoiceField(
        label=gettext_lazy("Giỏ quà"), queryset=None, empty_label=gettext_lazy("Chọn giỏ quà")
    )
    company_name = forms.CharField(
        label=gettext_lazy("Tên doanh nghiệp"), max_length=255, required=False
    )
    tax_code = forms.CharField(label=gettext_lazy("Mã số thuế"), max_length=32, required=False)
    csv_file = forms.FileField(
        label=gettext_lazy("Danh sách người nhận (CSV, UTF-8)"),
        help_text=gettext_lazy("Tối đa %(n)s dòng; tải file mẫu ở bên dưới.")
        % {"n": corporate.MAX_ROWS},
    )

    def __init__(self, *args, gift_sets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = gift_sets
        self.fields["product"].label_from_instance = lambda p: p.get_title()
        self.fields["csv_file"].widget.attrs["accept"] = ".csv,text/csv"
        self.rows: list[corporate.Recipient] = []
        self.row_errors: list[corporate.RowError] = []

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > corporate.MAX_BYTES:
            raise forms.ValidationError(_("File quá lớn (tối đa 1 MB)."))
        try:
            self.rows, self.row_errors = corporate.parse_csv(upload.read())
        except corporate.CsvUnreadable as problem:
            raise forms.ValidationError(str(problem)) from problem
        if self.row_errors:
            raise forms.ValidationError(
                _("File có %(n)s dòng chưa đúng; chưa có đơn nào được tạo.")
                % {"n": len({e.line for e in self.row_errors})}
            )
        return upload

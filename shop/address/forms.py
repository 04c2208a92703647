"""Vietnamese address forms: recipient, mobile phone, street, then province and ward from
today's 34 provinces (``shop.addresses``). The ward list follows the chosen province."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from phonenumber_field.phonenumber import PhoneNumber

from shop.addresses import province, provinces, ward, wards

Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")

# Mobile prefixes in use since 2018: 03x, 05x, 07x, 08x, 09x, then 8 digits.
_MOBILE = re.compile(r"^0[35789]\d{8}$")


def normalise_vn_mobile(value: str) -> str:
    """'+84 912 345 678', '84912345678', '0912.345.678' → '0912345678', else ValidationError."""
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not _MOBILE.match(digits):
        raise ValidationError(
            _("Số điện thoại di động chưa đúng: 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09."),
            code="invalid_phone",
        )
    return digits


def as_phone_number(national: str) -> PhoneNumber:
    return PhoneNumber.from_string(national, region="VN")


def national_phone(phone) -> str:
    """A stored phone number as Vietnamese shoppers write it: 0912345678."""
    if not phone:
        return ""
    text = str(getattr(phone, "as_e164", phone))
    return "0" + text[3:] if text.startswith("+84") else text


def place_fields(chosen: str = "") -> tuple[forms.ChoiceField, forms.ChoiceField]:
    """A province select and a ward select (today's units) that static/checkout/wards.js
    links: the ward list follows the province. ``chosen`` is the province already picked."""
    province_field = forms.ChoiceField(
        label=_("Tỉnh/thành phố"),
        choices=[("", _("Chọn tỉnh/thành phố"))] + [(p.code, p.name) for p in provinces()],
    )
    if chosen and province(chosen):
        ward_choices = [("", _("Chọn xã/phường"))] + [(w.code, w.name) for w in wards(chosen)]
    else:
        ward_choices = [("", _("Chọn tỉnh/thành phố trước"))]
    ward_field = forms.ChoiceField(label=_("Xã/phường"), choices=ward_choices)
    ward_field.widget.attrs.update(
        {
            "data-ward-select": "1",
            "data-wards-url": reverse("checkout:wards"),
            "data-placeholder": _("Chọn xã/phường"),
        }
    )
    province_field.widget.attrs["data-province-select"] = "1"
    return province_field, ward_field


def clean_place(form, cleaned: dict):
    """(province, ward) Divisions from ``cleaned``'s codes; an error on ``ward_code`` when
    the ward is not in the province."""
    province_code = cleaned.get("province_code")
    ward_code = cleaned.get("ward_code")
    p = province(province_code) if province_code else None
    w = ward(ward_code) if ward_code else None
    if p and ward_code and (w is None or ward_code not in {x.code for x in wards(p.code)}):
        form.add_error("ward_code", _("Xã/phường không thuộc tỉnh/thành phố đã chọn."))
        return p, None
    return p, w


class VietnameseAddressMixin:
    """For ModelForms over an Oscar address with ``province_code``/``ward_code``."""

    def setup_vietnamese_fields(self, data=None):
        self.fields["first_name"].label = _("Họ và tên người nhận")
        self.fields["first_name"].required = True
        self.fields["line1"].label = _("Số nhà, tên đường, thôn/xóm")
        self.fields["line1"].required = True
        self.fields["phone_number"] = forms.CharField(
            label=_("Số điện thoại di động"),
            max_length=20,
            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        )
        chosen = ""
        if data is not None:
            chosen = data.get(self.add_prefix("province_code"), "")
        else:
            chosen = self.initial.get("province_code") or getattr(
                self.instance, "province_code", ""
            )
        self.fields["province_code"], self.fields["ward_code"] = place_fields(chosen)
        if "notes" in self.fields:
            self.fields["notes"].label = _("Ghi chú cho người giao hàng")
            self.fields["notes"].widget.attrs["rows"] = 2
        phone = self.initial.get("phone_number") or getattr(self.instance, "phone_number", None)
        if phone and data is None:
            self.initial["phone_number"] = national_phone(phone)

    def clean_phone_number(self):
        return as_phone_number(normalise_vn_mobile(self.cleaned_data.get("phone_number", "")))

    def clean(self):
        cleaned = super().clean()
        p, w = clean_place(self, cleaned)
        if p and w:
            self.instance.line4 = p.name
            self.instance.line3 = w.name
            self.instance.province_code = p.code
            self.instance.ward_code = w.code
        self.instance.country = vietnam()
        return cleaned


def vietnam():
    """Việt Nam, the one shipping country (a data migration creates it; recreated if gone)."""
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "iso_3166_1_numeric": "704",
            "printable_name": "Việt Nam",
            "name": "Cộng hòa Xã hội Chủ nghĩa Việt Nam",
            "is_shipping_country": True,
        },
    )
    return country


class UserAddressForm(VietnameseAddressMixin, forms.ModelForm):
    class Meta:
        model = UserAddress
        fields = ["first_name", "line1", "province_code", "ward_code", "phone_number", "notes"]

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.setup_vietnamese_fields(self.data if self.is_bound else None)

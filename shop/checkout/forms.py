"""Checkout forms: the Vietnamese shipping address, and the order options page (payment
method, gift options, age confirmation for alcohol, personal-data consents)."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import *  # noqa: E402, F403, I001
from oscar.core.loading import get_model

from shop.address.forms import VietnameseAddressMixin
from shop.ocop.rules import today
from shop.order.models import GIFT_MESSAGE_MAX

ShippingAddress = get_model("order", "ShippingAddress")

ADULT_AGE = 18


class ShippingAddressForm(VietnameseAddressMixin, forms.ModelForm):
    class Meta:
        model = ShippingAddress
        fields = ["first_name", "line1", "province_code", "ward_code", "phone_number", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_vietnamese_fields(self.data if self.is_bound else None)


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class CheckoutOptionsForm(forms.Form):
    payment_method = forms.ChoiceField(
        label=_("Phương thức thanh toán"), widget=forms.RadioSelect, choices=()
    )
    is_gift = forms.BooleanField(label=_("Đây là quà tặng"), required=False)
    gift_message = forms.CharField(
        label=_("Lời nhắn kèm quà"),
        required=False,
        max_length=GIFT_MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": GIFT_MESSAGE_MAX}),
        help_text=_("Tối đa %(n)s ký tự, in trên phiếu giao hàng.") % {"n": GIFT_MESSAGE_MAX},
    )
    hide_prices = forms.BooleanField(label=_("Không in giá trên phiếu giao hàng"), required=False)
    preferred_delivery_date = forms.DateField(
        label=_("Ngày giao mong muốn"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    date_of_birth = forms.DateField(
        label=_("Ngày sinh của người mua"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    data_consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý để Chợ OCOP và nhà sản xuất dùng họ tên, số điện thoại, email và địa chỉ "
            "của tôi và người nhận chỉ để giao đơn hàng này và chăm sóc khách hàng."
        ),
        required=True,
        error_messages={"required": _("Cần sự đồng ý này để giao hàng cho bạn.")},
    )
    marketing_consent = forms.BooleanField(
        label=_("Gửi cho tôi tin về sản phẩm mới và khuyến mại (có thể hủy bất cứ lúc nào)."),
        required=False,
    )

    def __init__(self, *args, options, earliest_delivery: date, needs_adult: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options
        self.earliest_delivery = earliest_delivery
        self.needs_adult = needs_adult
        self.fields["payment_method"].choices = [(o.code, o.label) for o in options if o.available]
        self.fields["preferred_delivery_date"].widget.attrs["min"] = earliest_delivery.isoformat()
        self.fields["preferred_delivery_date"].help_text = _(
            "Sớm nhất ngày %(day)s (thời gian các nhà sản xuất chuẩn bị hàng)."
        ) % {"day": formats.date_format(earliest_delivery, "d/m/Y")}
        if needs_adult:
            self.fields["date_of_birth"].required = True
            self.fields["date_of_birth"].help_text = _(
                "Giỏ hàng có đồ uống có cồn: chỉ bán cho người từ 18 tuổi trở lên."
            )
        else:
            del self.fields["date_of_birth"]

    def clean_preferred_delivery_date(self):
        day = self.cleaned_data.get("preferred_delivery_date")
        if day and day < today():
            raise forms.ValidationError(_("Ngày giao không thể ở trong quá khứ."))
        if day and day < self.earliest_delivery:
            raise forms.ValidationError(
                _("Các nhà sản xuất cần đến ngày %(day)s để chuẩn bị hàng: chọn từ ngày đó.")
                % {"day": formats.date_format(self.earliest_delivery, "d/m/Y")}
            )
        return day

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        if born and age_on(born, today()) < ADULT_AGE:
            raise forms.ValidationError(
                _("Đồ uống có cồn chỉ bán cho người từ đủ 18 tuổi (Luật 44/2019/QH14).")
            )
        return born

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("gift_message") and not cleaned.get("is_gift"):
            cleaned["is_gift"] = True
        return cleaned

    def session_data(self) -> dict:
        data = dict(self.cleaned_data)
        for key in ("preferred_delivery_date", "date_of_birth"):
            if data.get(key):
                data[key] = data[key].isoformat()
        return data


def earliest_delivery_for(lead_days: list[int], *, on: date | None = None) -> date:
    """The first day every producer of the basket can deliver (at least tomorrow)."""
    return (on or today()) + timedelta(days=max([1, *lead_days]))

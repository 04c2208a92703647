from django import forms
from django.utils.translation import gettext_lazy as _


class OrderTrackingForm(forms.Form):
    number = forms.CharField(
        label=_("Mã đơn hàng"),
        max_length=128,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "placeholder": "100123"}
        ),
    )
    contact = forms.CharField(
        label=_("Số điện thoại hoặc e-mail đặt hàng"),
        max_length=254,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "placeholder": _("0912 345 678 hoặc ban@example.vn")}
        ),
    )

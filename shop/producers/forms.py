from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.forms import BaseModelFormSet, modelformset_factory
from oscar.core.loading import get_model

from .models import ShipmentStatus
from .photos import clean_photo

StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")

MAX_PRICE = Decimal("1000000000")


def stock_field() -> forms.IntegerField:
    """A listing's or a variant's stock, in units."""
    return forms.IntegerField(
        label="Tồn kho",
        min_value=0,
        max_value=1_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def weight_field() -> forms.IntegerField:
    """A listing's or a variant's shipping weight in grams (optional)."""
    return forms.IntegerField(
        label="Khối lượng khi giao (gam)", min_value=0, max_value=100_000, required=False
    )


class ListingForm(forms.Form):
    """What a producer may change on a listing. Title, category, stars and the certificate's
    attributes are the registry's and are not fields here at all."""

    price = forms.DecimalField(
        label="Giá bán (₫, đã gồm thuế)",
        max_digits=12,
        decimal_places=0,
        required=False,
        min_value=Decimal("1000"),
        max_value=MAX_PRICE,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1000"}),
        help_text="Để trống nếu chưa bán.",
    )
    num_in_stock = stock_field()
    weight_grams = weight_field()
    description = forms.CharField(
        label="Mô tả", widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=10_000
    )
    is_public = forms.BooleanField(label="Đang bán (hiển thị trên cửa hàng)", required=False)

    def __init__(self, *args, variants: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if variants:  # a parent's price and stock live on its variants (bulk edit)
            del self.fields["price"], self.fields["num_in_stock"]


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label="Ảnh sản phẩm (JPEG, PNG hoặc WebP, tối đa 10 MB)",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(label="Chú thích", max_length=200, required=False)
    make_primary = forms.BooleanField(label="Đặt làm ảnh chính", required=False, initial=True)

    def __init__(self, *args, name: str = "anh", **kwargs):
        super().__init__(*args, **kwargs)
        self.name = name

    def clean_photo(self):
        return clean_photo(self.cleaned_data["photo"], name=self.name)


class BulkStockForm(forms.ModelForm):
    price = forms.DecimalField(
        label="Giá (₫)",
        max_digits=12,
        decimal_places=0,
        required=False,
        validators=[MinValueValidator(Decimal("1000"))],
        max_value=MAX_PRICE,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1000"}),
    )

    class Meta:
        model = StockRecord
        fields = ["price", "num_in_stock"]
        labels = {"num_in_stock": "Tồn kho"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.price is not None:  # whole đồng, not "120000.00"
            self.initial["price"] = int(self.instance.price)


class OwnRowsFormSet(BaseModelFormSet):
    """Every posted row must be one of ``queryset``'s: Django's formset would silently turn a
    foreign id into a new row; here it is an error and nothing is saved."""

    def clean(self):
        super().clean()
        allowed = set(self.get_queryset().values_list("pk", flat=True))
        for form in self.forms:
            posted = form.cleaned_data.get("id") if hasattr(form, "cleaned_data") else None
            if form.instance.pk is None or (posted is not None and posted.pk not in allowed):
                raise forms.ValidationError(
                    "Có sản phẩm không thuộc gian hàng của bạn trong biểu mẫu; chưa lưu gì."
                )


def bulk_formset(*, queryset, data=None):
    """Only the producer's own stock records; an id from outside ``queryset`` is an error,
    never a new or foreign row (edit_only)."""
    FormSet = modelformset_factory(
        StockRecord, form=BulkStockForm, formset=OwnRowsFormSet, extra=0, edit_only=True
    )
    return FormSet(data=data, queryset=queryset, prefix="sr")


class ShipmentForm(forms.Form):
    status = forms.ChoiceField(
        label="Trạng thái",
        choices=[
            (ShipmentStatus.PACKED, ShipmentStatus.PACKED.label),
            (ShipmentStatus.SHIPPED, ShipmentStatus.SHIPPED.label),
            (ShipmentStatus.DELIVERED, ShipmentStatus.DELIVERED.label),
        ],
    )
    carrier = forms.CharField(label="Đơn vị vận chuyển", max_length=128, required=False)
    tracking_number = forms.CharField(label="Mã vận đơn", max_length=128, required=False)


class MistakeReportForm(forms.Form):
    message = forms.CharField(
        label="Thông tin nào chưa đúng?",
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=10,
        max_length=4000,
    )


class InvitationForm(forms.Form):
    partner = forms.ModelChoiceField(
        label="Nhà sản xuất", queryset=Partner.objects.order_by("name")
    )
    email = forms.EmailField(label="Email người được mời")


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label="Họ và tên", max_length=150, required=False)
    password1 = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput, min_length=8)
    password2 = forms.CharField(label="Nhập lại mật khẩu", widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            raise forms.ValidationError("Hai mật khẩu không giống nhau.")
        if data.get("password1"):
            from django.contrib.auth.password_validation import validate_password

            validate_password(data["password1"])
        return data


class PayoutForm(forms.Form):
    partner = forms.ModelChoiceField(queryset=Partner.objects.all(), widget=forms.HiddenInput)
    reference = forms.CharField(label="Mã giao dịch chuyển khoản", max_length=128)


class CommissionRateForm(forms.Form):
    partner = forms.ModelChoiceField(queryset=Partner.objects.all(), widget=forms.HiddenInput)
    percent = forms.DecimalField(
        label="Phí nền tảng (%)", min_value=Decimal(0), max_value=Decimal(100), decimal_places=2
    )

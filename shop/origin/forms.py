"""Portal forms for raw-material areas and batches: one column, phone keyboards, dates as
the phone's date picker, every choice limited to the producer's own records."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from oscar.core.loading import get_model

from shop.address.forms import clean_place, place_fields
from shop.ocop.rules import today
from shop.producers.photos import clean_photo

from .models import Batch, OriginArea

StockRecord = get_model("partner", "StockRecord")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OriginAreaForm(forms.ModelForm):
    class Meta:
        model = OriginArea
        fields = [
            "name",
            "province_code",
            "ward_code",
            "planting_code",
            "area_ha",
            "standard",
            "standard_photo",
            "latitude",
            "longitude",
            "products",
        ]
        widgets = {"products": forms.CheckboxSelectMultiple}

    def __init__(self, *args, partner, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner = partner
        data = kwargs.get("data") if "data" in kwargs else (args[0] if args else None)
        chosen = (data or {}).get("province_code") if data is not None else None
        chosen = chosen or self.initial.get("province_code") or self.instance.province_code
        self.fields["province_code"], self.fields["ward_code"] = place_fields(chosen or "")
        self.fields["products"].queryset = products
        self.fields["products"].help_text = "Sản phẩm nào dùng nguyên liệu từ vùng này."
        self.fields["area_ha"].widget.attrs.update({"inputmode": "decimal", "step": "0.01"})
        self.fields["area_ha"].validators.append(_positive)
        for name, low, high in (("latitude", 8, 24), ("longitude", 102, 110)):
            field = self.fields[name]
            field.widget.attrs.update({"inputmode": "decimal", "step": "0.00001"})
            field.help_text = "Không bắt buộc: giữ tay vào vị trí trên bản đồ điện thoại để chép."
            field.validators.append(_within(low, high, name))
        self.fields["standard_photo"].widget = forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp", "capture": "environment"}
        )

    def clean_standard_photo(self):
        upload = self.cleaned_data.get("standard_photo")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            return clean_photo(upload, name=f"tieu-chuan-{self.partner.pk}")
        return upload

    def clean_planting_code(self):
        return (self.cleaned_data.get("planting_code") or "").strip().upper()

    def clean(self):
        cleaned = super().clean()
        clean_place(self, cleaned)
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            raise ValidationError("Nhập cả vĩ độ và kinh độ, hoặc để trống cả hai.")
        return cleaned

    def save(self, commit=True):
        self.instance.partner = self.partner
        return super().save(commit)


def _positive(value):
    if value is not None and value <= 0:
        raise ValidationError("Diện tích phải lớn hơn 0.")


def _within(low, high, name):
    words = "Vĩ độ" if name == "latitude" else "Kinh độ"

    def check(value):
        if value is not None and not (Decimal(low) <= value <= Decimal(high)):
            raise ValidationError(
                f"{words} ở Việt Nam nằm trong khoảng {low}–{high} (ví dụ 21.02851)."
            )

    return check


class BatchForm(forms.ModelForm):
    class Meta:
        model = Batch
        fields = ["product", "lot_number", "produced_on", "best_before", "quantity", "area"]
        widgets = {"produced_on": DateInput(), "best_before": DateInput()}

    add_to_stock = forms.ModelChoiceField(
        label="Cộng số lượng vào tồn kho của",
        queryset=StockRecord.objects.none(),
        required=False,
        empty_label="Không cộng (tồn kho đã nhập riêng)",
        help_text="Khi thêm lô mới, số lượng lô được cộng vào tồn kho đang bán.",
    )

    def __init__(self, *args, partner, products, areas, stockrecords, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner = partner
        self.fields["product"].queryset = products
        self.fields["product"].label = "Sản phẩm"
        self.fields["product"].empty_label = "Chọn sản phẩm"
        self.fields["area"].queryset = areas
        self.fields["area"].empty_label = "Không ghi vùng nguyên liệu"
        self.fields["quantity"].widget.attrs.update({"inputmode": "numeric", "min": 1})
        self.fields["lot_number"].error_messages["required"] = "Nhập số lô in trên bao bì."
        self.fields["lot_number"].widget.attrs.update(
            {"autocapitalize": "characters", "placeholder": "VD: L2611-01"}
        )
        if self.instance.pk:
            # Stock was added when the batch was made; editing the batch leaves stock alone.
            del self.fields["add_to_stock"]
            self.fields["product"].disabled = True
        else:
            self.fields["add_to_stock"].queryset = stockrecords.select_related("product")
            self.fields["add_to_stock"].label_from_instance = lambda sr: (
                f"{sr.product.get_title()} (đang có {sr.num_in_stock or 0})"
            )

    def clean_lot_number(self):
        lot = " ".join((self.cleaned_data.get("lot_number") or "").split()).upper()
        if not lot:
            raise ValidationError("Nhập số lô in trên bao bì.")
        return lot

    def clean_quantity(self):
        quantity = self.cleaned_data.get("quantity")
        if quantity is not None and quantity < 1:
            raise ValidationError("Số lượng phải từ 1 trở lên.")
        return quantity

    def clean(self):
        cleaned = super().clean()
        made, best = cleaned.get("produced_on"), cleaned.get("best_before")
        if made and made > today():
            self.add_error("produced_on", "Ngày sản xuất không thể sau hôm nay.")
        if made and best and best < made:
            self.add_error("best_before", "Hạn sử dụng phải từ ngày sản xuất trở đi.")
        product, lot = cleaned.get("product"), cleaned.get("lot_number")
        if product and lot:
            clash = Batch.objects.filter(product=product, lot_number=lot)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("lot_number", f"Sản phẩm này đã có lô {lot}.")
        record = cleaned.get("add_to_stock")
        if record and product and record.product_id != product.pk:
            if record.product.parent_id != product.pk:
                self.add_error("add_to_stock", "Tồn kho này không thuộc sản phẩm đã chọn.")
        return cleaned

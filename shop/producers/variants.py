"""Variants (pack sizes) of a producer's own listing: add one, edit its price, stock and
weight, publish or unpublish it. A variant is an Oscar child product with the producer's
stock record; the certified fields (title, category, stars, certificate) stay the parent's
and are not fields here. Every lookup is scoped to the signed-in producer: another
producer's listing or variant id is a 404, whatever the URL or the form says."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from oscar.core.loading import get_model

from shop.ocop.rules import check_product

from . import services
from .forms import MAX_PRICE, stock_field, weight_field
from .views import ProducerMixin

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
BasketLine = get_model("basket", "Line")


class VariantForm(forms.Form):
    pack = forms.CharField(
        label="Quy cách (loại)",
        max_length=100,
        help_text="Ví dụ: Hũ 500 g, Hộp 10 gói, Chai 750 ml.",
    )
    price = forms.DecimalField(
        label="Giá bán (₫, đã gồm thuế)",
        max_digits=12,
        decimal_places=0,
        min_value=Decimal("1000"),
        max_value=MAX_PRICE,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1000"}),
    )
    num_in_stock = stock_field()
    weight_grams = weight_field()
    is_public = forms.BooleanField(label="Đang bán", required=False, initial=True)

    def clean_pack(self):
        return " ".join(self.cleaned_data["pack"].split())


class NewVariantForm(VariantForm):
    current_pack = forms.CharField(
        label="Quy cách của loại đang bán",
        max_length=100,
        required=False,
        help_text="Sản phẩm đang có một loại: đặt tên cho loại đó (ví dụ: Hũ 250 g).",
    )

    def __init__(self, *args, needs_current: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_current = needs_current
        if needs_current:
            self.fields["current_pack"].required = True
        else:
            del self.fields["current_pack"]

    def clean(self):
        data = super().clean()
        current = " ".join((data.get("current_pack") or "").split())
        if self.needs_current and current and current.lower() == (data.get("pack") or "").lower():
            self.add_error("pack", "Hai loại cần có quy cách khác nhau.")
        data["current_pack"] = current
        return data


class VariantMixin(ProducerMixin):
    def get_parent(self, pk):
        return get_object_or_404(services.products_of(self.partner), pk=pk)

    def get_variant(self, parent, variant_pk):
        child = get_object_or_404(Product, pk=variant_pk, parent=parent, structure=Product.CHILD)
        record = get_object_or_404(StockRecord, product=child, partner=self.partner)
        return child, record


class VariantCreateView(VariantMixin, View):
    def form(self, parent, data=None):
        return NewVariantForm(data, needs_current=not parent.is_parent)

    def get(self, request, pk):
        parent = self.get_parent(pk)
        return self.render("variant_form.html", {"product": parent, "form": self.form(parent)})

    def post(self, request, pk):
        parent = self.get_parent(pk)
        form = self.form(parent, request.POST)
        if not form.is_valid():
            return self.render("variant_form.html", {"product": parent, "form": form}, status=400)
        data = form.cleaned_data
        with transaction.atomic():
            parent = Product.objects.select_for_update().get(pk=parent.pk)
            product_class = parent.product_class
            if not parent.is_parent:
                self.make_parent(parent, data["current_pack"])
            if parent.children.filter(title__iexact=data["pack"]).exists():
                form.add_error("pack", "Sản phẩm đã có loại này.")
                transaction.set_rollback(True)
                return self.render(
                    "variant_form.html", {"product": parent, "form": form}, status=400
                )
            child = Product.objects.create(
                parent=parent,
                structure=Product.CHILD,
                title=data["pack"],
                is_public=data["is_public"],
            )
            StockRecord.objects.create(
                product=child,
                partner=self.partner,
                partner_sku=f"{self.partner.pk}-{parent.pk}-{child.pk}",
                price=data["price"],
                price_currency="VND",
                num_in_stock=data["num_in_stock"],
            )
            services.set_weight(child, data["weight_grams"], product_class)
        messages.success(request, f"Đã thêm loại “{child.title}”.")
        return redirect("producers:product-edit", pk=parent.pk)

    def make_parent(self, product, current_pack):
        """A single listing becomes a parent: its offer moves to a first variant, the
        certificate, photos and description stay on the parent."""
        child = Product.objects.create(
            parent=product, structure=Product.CHILD, title=current_pack, is_public=True
        )
        records = StockRecord.objects.filter(product=product)
        for record in records:
            BasketLine.objects.filter(stockrecord=record).update(product=child)
        records.update(product=child)
        grams = services.weight_grams(product)
        services.set_weight(child, grams, product.product_class)
        product.structure = Product.PARENT
        product.save(update_fields=["structure", "date_updated"])


class VariantEditView(VariantMixin, View):
    def get(self, request, pk, variant_pk):
        parent = self.get_parent(pk)
        child, record = self.get_variant(parent, variant_pk)
        form = VariantForm(
            initial={
                "pack": child.title,
                "price": int(record.price) if record.price is not None else None,
                "num_in_stock": record.num_in_stock,
                "weight_grams": services.weight_grams(child),
                "is_public": child.is_public,
            }
        )
        return self.render("variant_form.html", {"product": parent, "variant": child, "form": form})

    def post(self, request, pk, variant_pk):
        parent = self.get_parent(pk)
        child, record = self.get_variant(parent, variant_pk)
        form = VariantForm(request.POST)
        if not form.is_valid():
            return self.render(
                "variant_form.html",
                {"product": parent, "variant": child, "form": form},
                status=400,
            )
        data = form.cleaned_data
        if parent.children.exclude(pk=child.pk).filter(title__iexact=data["pack"]).exists():
            form.add_error("pack", "Sản phẩm đã có loại này.")
            return self.render(
                "variant_form.html",
                {"product": parent, "variant": child, "form": form},
                status=400,
            )
        with transaction.atomic():
            record.price = data["price"]
            record.num_in_stock = data["num_in_stock"]
            record.save(update_fields=["price", "num_in_stock", "date_updated"])
            child.title = data["pack"]
            child.is_public = data["is_public"]
            child.save(update_fields=["title", "is_public", "date_updated"])
            services.set_weight(child, data["weight_grams"], parent.product_class)
        if child.is_public:
            verdict = check_product(product=child)
            if not verdict.sellable:
                messages.warning(request, f"Đã lưu, nhưng loại này chưa bán được: {verdict.reason}")
                return redirect("producers:product-edit", pk=parent.pk)
        messages.success(
            request,
            f"Đã lưu loại “{child.title}”."
            if child.is_public
            else f"Đã tạm ngừng bán loại “{child.title}”.",
        )
        return redirect("producers:product-edit", pk=parent.pk)

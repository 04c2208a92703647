"""Producer portal pages for origin (/dashboard/producer/nguon-goc/): raw-material areas and
production batches, each scoped to the signed-in user's producer (another's is a 404)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views import View

from shop.ocop.rules import today
from shop.producers import services as producers
from shop.producers.views import ProducerMixin

from . import services
from .forms import BatchForm, OriginAreaForm


class OriginHomeView(ProducerMixin, View):
    def get(self, request):
        on = today()
        batches = list(services.batches_of(self.partner).order_by("-produced_on", "-pk")[:100])
        for batch in batches:
            batch.fresh = batch.is_fresh_on(on)
            batch.days_left = (batch.best_before - on).days if batch.best_before else None
        return self.render(
            "origin.html",
            {
                "areas": services.areas_of(self.partner).prefetch_related("products"),
                "batches": batches,
                "products": producers.products_of(self.partner).order_by("title"),
            },
        )


class AreaFormView(ProducerMixin, View):
    def area(self, pk):
        if pk is None:
            return None
        return get_object_or_404(services.areas_of(self.partner), pk=pk)

    def form(self, area, data=None, files=None):
        return OriginAreaForm(
            data,
            files,
            instance=area,
            partner=self.partner,
            products=producers.products_of(self.partner).order_by("title"),
        )

    def get(self, request, pk=None):
        area = self.area(pk)
        return self.render("area_form.html", {"form": self.form(area), "area": area})

    def post(self, request, pk=None):
        area = self.area(pk)
        form = self.form(area, request.POST, request.FILES)
        if not form.is_valid():
            return self.render("area_form.html", {"form": form, "area": area}, status=400)
        saved = form.save()
        messages.success(request, f"Đã lưu vùng nguyên liệu “{saved.name}”.")
        return redirect("producers:origin")


class AreaDeleteView(AreaFormView):
    def get(self, request, pk):
        return redirect("producers:area-edit", pk=pk)

    def post(self, request, pk):
        area = self.area(pk)
        name = area.name
        area.delete()
        messages.success(request, f"Đã xoá vùng nguyên liệu “{name}”.")
        return redirect("producers:origin")


class BatchFormView(ProducerMixin, View):
    def batch(self, pk):
        if pk is None:
            return None
        return get_object_or_404(services.batches_of(self.partner), pk=pk)

    def form(self, batch, data=None, initial=None):
        return BatchForm(
            data,
            instance=batch,
            initial=initial,
            partner=self.partner,
            products=producers.products_of(self.partner).order_by("title"),
            areas=services.areas_of(self.partner),
            stockrecords=producers.stockrecords_of(self.partner),
        )

    def get(self, request, pk=None):
        batch = self.batch(pk)
        initial = {}
        if batch is None:
            initial["produced_on"] = today()
            if request.GET.get("product", "").isdigit():
                initial["product"] = int(request.GET["product"])
        return self.render(
            "batch_form.html", {"form": self.form(batch, initial=initial), "batch": batch}
        )

    def post(self, request, pk=None):
        batch = self.batch(pk)
        form = self.form(batch, request.POST)
        if not form.is_valid():
            return self.render("batch_form.html", {"form": form, "batch": batch}, status=400)
        if batch is None:
            saved = services.record_batch(form)
            added = form.cleaned_data.get("add_to_stock")
            note = f" và cộng {saved.quantity} vào tồn kho" if added else ""
            messages.success(request, f"Đã thêm lô {saved.lot_number}{note}.")
        else:
            saved = form.save()
            messages.success(request, f"Đã lưu lô {saved.lot_number}.")
        return redirect("producers:origin")


class BatchDeleteView(BatchFormView):
    def get(self, request, pk):
        return redirect("producers:batch-edit", pk=pk)

    def post(self, request, pk):
        batch = self.batch(pk)
        lot = batch.lot_number
        batch.delete()
        messages.success(request, f"Đã xoá lô {lot}. Tồn kho không thay đổi.")
        return redirect("producers:origin")

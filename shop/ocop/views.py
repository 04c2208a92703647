"""The public certificate page: what a shopper sees after scanning the QR code on a label."""

from urllib.parse import urlencode

import segno
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import DetailView
from oscar.core.loading import get_model

from shop.origin.services import with_map

from .models import Certificate
from .rules import best_certificate, check_product, today

Product = get_model("catalogue", "Product")


class CertificateDetailView(DetailView):
    template_name = "ocop/certificate.html"
    context_object_name = "certificate"
    slug_field = "certificate_no"
    slug_url_kwarg = "certificate_no"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Certificate.objects.select_related("producer", "product"),
            certificate_no=self.kwargs["certificate_no"],
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        certificate = self.object
        day = today()
        lot = " ".join(self.request.GET.get("lo", "").split()).upper()[:40]
        trace = _traceability(certificate.product, lot=lot, on=day)
        url = self.request.build_absolute_uri(self.request.path)
        if trace["batch"] is not None:
            url += "?" + urlencode({"lo": trace["batch"].lot_number})  # the label's own QR
        qr = segno.make(url, error="m")
        ctx.update(
            lot=lot,
            **trace,
            state=certificate.state_on(day),
            state_label=certificate.STATE_LABELS[certificate.state_on(day)],
            days_left=certificate.days_left(day),
            page_url=url,
            qr_svg=mark_safe(qr.svg_inline(scale=4, dark="#1f2a1f")),  # noqa: S308 (segno output)
            sellability=check_product(product=certificate.product, on=day)
            if certificate.product_id and certificate.product.is_public
            else None,
            history=certificate.events.all(),
            other_certificates=Certificate.objects.filter(product_code=certificate.product_code)
            .exclude(pk=certificate.pk)
            .order_by("-valid_until"),
        )
        return ctx


def _traceability(product, *, lot: str, on):
    """The origin areas of ``product`` (linked to it, or named by its batches), and the batch
    ``lot`` names, if the product has it."""
    if product is None:
        return {"batch": None, "areas": [], "lot_unknown": bool(lot)}
    batches = list(product.batches.select_related("area"))
    batch = next((b for b in batches if b.lot_number == lot), None) if lot else None
    areas = {a.pk: a for a in product.origin_areas.all()}
    for b in batches:
        if b.area is not None and (batch is None or b.pk == batch.pk):
            areas.setdefault(b.area.pk, b.area)
    ordered = sorted(areas.values(), key=lambda a: (batch is None or a.pk != batch.area_id, a.name))
    for area in ordered:
        with_map(area)
    if batch is not None:
        batch.fresh = batch.is_fresh_on(on)
    return {"batch": batch, "areas": ordered, "lot_unknown": bool(lot) and batch is None}


class ProductTraceView(View):
    """/shop/ocop/san-pham/<pk>/?lo=...: the page of the certificate that speaks for the
    product today (the QR a producer prints needs no certificate number)."""

    def get(self, request, pk):
        product = get_object_or_404(Product.objects.prefetch_related("certificates"), pk=pk)
        owner = product.parent if product.is_child else product
        certificate = best_certificate(owner.certificates.all(), on=today())
        if certificate is None:
            raise Http404("Sản phẩm chưa có chứng nhận OCOP.")
        url = reverse("ocop:certificate", kwargs={"certificate_no": certificate.certificate_no})
        if request.GET.get("lo"):
            url += "?" + urlencode({"lo": request.GET["lo"]})
        return redirect(url)

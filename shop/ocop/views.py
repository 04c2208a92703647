"""The public certificate page: what a shopper sees after scanning the QR code on a label."""

import segno
from django.shortcuts import get_object_or_404
from django.utils.safestring import mark_safe
from django.views.generic import DetailView

from .models import Certificate
from .rules import check_product, today


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
        url = self.request.build_absolute_uri(self.request.path)
        qr = segno.make(url, error="m")
        ctx.update(
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

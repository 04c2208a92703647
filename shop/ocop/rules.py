"""THE sellability rule. Nothing else in the project decides whether a product can be sold.

A product is sellable on day D (a date in Asia/Ho_Chi_Minh) when
  1. it holds a certificate valid on D: status ``active`` and valid_from <= D <= valid_until
     (a variant holds its parent's certificates),
  2. its producer has published it (``is_public``; a variant's parent too), and
  3. it has a price (a stock record with a price; for a parent, one of its variants).

``check_product`` answers for one product, with the reason in plain words;
``sellable_products`` expresses the same predicate in SQL for listings. The two are
tested against each other (tests/shop/test_rules.py). Everything that shows or sells a
product calls one of them: catalogue, product page, search, CMS blocks, basket, checkout.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from .models import Certificate, CertificateStatus


@dataclass(frozen=True)
class Sellability:
    sellable: bool
    code: str
    reason: str
    certificate: Certificate | None = None

    def __bool__(self) -> bool:
        return self.sellable


def today() -> date:
    """Today in the shop's time zone (Asia/Ho_Chi_Minh): certificates end at local midnight."""
    return timezone.localdate()


def _fmt(day: date) -> str:
    return formats.date_format(day, "d/m/Y")


def _certificates(product) -> list[Certificate]:
    owner = product.parent if product.is_child else product
    return list(owner.certificates.all())  # uses a prefetch when the caller made one


def _has_price(product) -> bool:
    if product.is_parent:
        return any(
            sr.price is not None
            for child in product.children.all()
            for sr in child.stockrecords.all()
        )
    return any(sr.price is not None for sr in product.stockrecords.all())


def best_certificate(certificates: Iterable[Certificate], *, on: date) -> Certificate | None:
    """The certificate that speaks for a product: a valid one, else the latest."""
    certificates = list(certificates)
    valid = [c for c in certificates if c.is_valid_on(on)]
    pool = valid or certificates
    return max(pool, key=lambda c: (c.valid_until, c.pk or 0), default=None)


def certificate_reason(certificate: Certificate | None, *, on: date) -> tuple[str, str]:
    """(code, plain words) for why a certificate does not make a product sellable on ``on``."""
    if certificate is None:
        return "no_certificate", _("Sản phẩm chưa có chứng nhận OCOP còn hiệu lực.")
    state = certificate.state_on(on)
    no = certificate.certificate_no
    if state == "revoked":
        reason = _("Chứng nhận OCOP số %(no)s đã bị thu hồi") % {"no": no}
    elif state == "suspended":
        reason = _("Chứng nhận OCOP số %(no)s đang bị tạm đình chỉ") % {"no": no}
    elif state == "expired":
        return "certificate_expired", _(
            "Chứng nhận OCOP số %(no)s đã hết hiệu lực từ sau ngày %(day)s."
        ) % {"no": no, "day": _fmt(certificate.valid_until)}
    elif state == "not_yet_valid":
        return "certificate_not_yet_valid", _(
            "Chứng nhận OCOP số %(no)s có hiệu lực từ ngày %(day)s."
        ) % {"no": no, "day": _fmt(certificate.valid_from)}
    else:
        return "ok", ""
    if certificate.status_changed_on:
        reason += _(" từ ngày %(day)s") % {"day": _fmt(certificate.status_changed_on)}
    if certificate.status_reason:
        reason += f" ({certificate.status_reason})"
    return f"certificate_{state}", reason + "."


def check_product(*, product, on: date | None = None) -> Sellability:
    """Is ``product`` sellable on day ``on`` (default: today in Vietnam), and if not, why."""
    on = on or today()
    certificate = best_certificate(_certificates(product), on=on)
    code, reason = certificate_reason(certificate, on=on)
    if code != "ok":
        return Sellability(False, code, reason, certificate)
    parent_public = product.parent.is_public if product.is_child else True
    if not (product.is_public and parent_public):
        return Sellability(
            False,
            "unpublished",
            _("Nhà sản xuất đang tạm ngừng bán sản phẩm này."),
            certificate,
        )
    if not _has_price(product):
        return Sellability(False, "no_price", _("Sản phẩm chưa có giá bán."), certificate)
    return Sellability(True, "ok", "", certificate)


def valid_certificates(*, on: date) -> QuerySet[Certificate]:
    return Certificate.objects.filter(
        status=CertificateStatus.ACTIVE, valid_from__lte=on, valid_until__gte=on
    )


def sellable_q(*, on: date, prefix: str = "") -> Q:
    """The rule as a Q over Product; ``prefix`` lets other models filter through a relation
    (e.g. ``prefix="product__"`` on basket lines)."""
    StockRecord = get_model("partner", "StockRecord")
    pk = OuterRef(f"{prefix}pk")
    parent_pk = OuterRef(f"{prefix}parent_id")
    certified = Exists(valid_certificates(on=on).filter(product_id=pk)) | Exists(
        valid_certificates(on=on).filter(product_id=parent_pk)
    )
    priced = Exists(StockRecord.objects.filter(product_id=pk, price__isnull=False)) | Exists(
        StockRecord.objects.filter(product__parent_id=pk, price__isnull=False)
    )
    published = Q(**{f"{prefix}is_public": True}) & (
        Q(**{f"{prefix}parent__isnull": True}) | Q(**{f"{prefix}parent__is_public": True})
    )
    return Q(certified) & Q(priced) & published


def sellable_products(queryset: QuerySet | None = None, *, on: date | None = None) -> QuerySet:
    """``queryset`` (default: all products) narrowed to those sellable on ``on``."""
    Product = get_model("catalogue", "Product")
    on = on or today()
    queryset = Product.objects.all() if queryset is None else queryset
    return queryset.filter(sellable_q(on=on))

"""Emails to producers about their certificates: expiry reminders and products leaving sale.

``send_expiry_notices`` runs daily (``manage.py notify_expiring_certificates``);
``notify_delisted`` is called by whoever learns that products left sale (the registry sync
listens for its own signal and calls it: shop never imports catalogue_sync).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from oscar.core.loading import get_model

from .models import Certificate, CertificateStatus, ExpiryNotice
from .rules import check_product, today

logger = logging.getLogger(__name__)

# Reminders go out exactly this many days before a certificate's last valid day.
NOTICE_DAYS = (60, 14)


def producer_recipients(producer) -> list[str]:
    """The producer's own address, then its dashboard users' addresses; no duplicates."""
    seen: dict[str, str] = {}
    candidates = [producer.email or ""]
    candidates += [
        u.email or "" for u in producer.users.filter(is_active=True).order_by("pk")
    ]
    for address in candidates:
        address = address.strip()
        if address and address.lower() not in seen:
            seen[address.lower()] = address
    return list(seen.values())


def site_url(path: str = "") -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return base.rstrip("/") + path


def _certificate_url(certificate: Certificate) -> str:
    try:
        return site_url(reverse("ocop:certificate", args=[certificate.certificate_no]))
    except NoReverseMatch:
        return ""


def _send(*, template: str, context: dict, to: list[str]) -> None:
    context = {
        "shop_name": getattr(settings, "OSCAR_SHOP_NAME", "Chợ OCOP"),
        "site_url": site_url(),
        "support_email": settings.SELLER.get("email", "") if hasattr(settings, "SELLER") else "",
        **context,
    }
    subject = render_to_string(f"ocop/email/{template}_subject.txt", context)
    subject = " ".join(subject.split())
    body = render_to_string(f"ocop/email/{template}.txt", context)
    html = render_to_string(f"ocop/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    message.attach_alternative(html, "text/html")
    message.send()


def _superseded(certificate: Certificate) -> bool:
    """Renewed already: the product holds another active certificate lasting longer."""
    if not certificate.product_id:
        return False
    return (
        Certificate.objects.filter(
            product_id=certificate.product_id,
            status=CertificateStatus.ACTIVE,
            valid_until__gt=certificate.valid_until,
        )
        .exclude(pk=certificate.pk)
        .exists()
    )


def send_expiry_notices(*, on: date) -> int:
    """Email producers whose certificates end exactly 60 or 14 days after ``on``.

    Idempotent: an ExpiryNotice row marks each (certificate, end date, lead time) as sent,
    inside the same transaction as the send, so a rerun sends nothing twice and a failed
    send is retried next time. Returns the number of emails sent.
    """
    sent = 0
    for days in NOTICE_DAYS:
        ending = on + timedelta(days=days)
        due = (
            Certificate.objects.filter(
                status=CertificateStatus.ACTIVE, valid_from__lte=on, valid_until=ending
            )
            .exclude(
                Exists(
                    ExpiryNotice.objects.filter(
                        certificate_id=OuterRef("pk"), valid_until=ending, days_before=days
                    )
                )
            )
            .select_related("producer", "product")
            .order_by("producer_id", "certificate_no")
        )
        for certificate in due:
            if _superseded(certificate):
                continue
            recipients = producer_recipients(certificate.producer)
            if not recipients:
                logger.warning(
                    "Certificate %s expires on %s but producer %s has no email address",
                    certificate.certificate_no,
                    ending,
                    certificate.producer_id,
                )
                continue
            try:
                with transaction.atomic():
                    ExpiryNotice.objects.create(
                        certificate=certificate,
                        valid_until=ending,
                        days_before=days,
                        recipients=", ".join(recipients),
                    )
                    _send(
                        template="expiry_notice",
                        context={
                            "certificate": certificate,
                            "producer": certificate.producer,
                            "days_left": days,
                            "valid_until": ending,
                            "last_day": ending,
                            "first_day_off_sale": ending + timedelta(days=1),
                            "certificate_url": _certificate_url(certificate),
                        },
                        to=recipients,
                    )
            except IntegrityError:
                continue  # another worker sent it a moment ago
            except Exception:
                logger.exception("Expiry notice for %s failed", certificate.certificate_no)
                continue
            sent += 1
    return sent


@dataclass(frozen=True)
class DelistedLine:
    product_id: int
    title: str
    reason: str
    certificate_no: str
    url: str


def _producer_of(product, certificate):
    if certificate is not None:
        return certificate.producer
    records = list(product.stockrecords.all())
    return records[0].partner if records else None


def notify_delisted(*, product_ids: Iterable[int], on: date | None = None) -> int:
    """One email per producer listing its products that are not sellable (any more),
    each with the reason from the sellability rule. Products still sellable are skipped.
    Returns the number of emails sent."""
    Product = get_model("catalogue", "Product")
    on = on or today()
    ids = {int(pk) for pk in product_ids if pk}
    if not ids:
        return 0
    products = (
        Product.objects.filter(pk__in=ids)
        .select_related("parent")
        .prefetch_related(
            Prefetch("certificates", queryset=Certificate.objects.select_related("producer")),
            Prefetch(
                "parent__certificates", queryset=Certificate.objects.select_related("producer")
            ),
            "stockrecords__partner",
            "children__stockrecords",
        )
        .order_by("title", "pk")
    )
    by_producer: dict[int, tuple[object, list[DelistedLine]]] = {}
    for product in products:
        verdict = check_product(product=product, on=on)
        if verdict.sellable:
            continue
        producer = _producer_of(product, verdict.certificate)
        if producer is None:
            continue
        line = DelistedLine(
            product_id=product.pk,
            title=product.get_title(),
            reason=verdict.reason,
            certificate_no=verdict.certificate.certificate_no if verdict.certificate else "",
            url=_product_url(product),
        )
        by_producer.setdefault(producer.pk, (producer, []))[1].append(line)
    sent = 0
    for producer_pk, (producer, lines) in by_producer.items():
        recipients = producer_recipients(producer)
        if not recipients:
            logger.warning("Producer %s has no email address for a delisting notice", producer_pk)
            continue
        try:
            _send(
                template="delisted",
                context={"producer": producer, "lines": lines, "on": on},
                to=recipients,
            )
        except Exception:
            logger.exception("Delisting notice to producer %s failed", producer_pk)
            continue
        sent += 1
    return sent


def _product_url(product) -> str:
    try:
        return site_url(product.get_absolute_url())
    except NoReverseMatch:
        return ""

"""Emails after registry syncs: producers whose products left sale, staff when a run fails.

Connected in CatalogueSyncConfig.ready(). Nothing here may break a sync: every receiver
logs and swallows its own errors.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse

from shop.ocop.models import Certificate, CertificateEvent
from shop.ocop.notifications import notify_delisted, site_url

from .models import SyncRun
from .signals import registry_synced

logger = logging.getLogger(__name__)

DELISTING_KINDS = (
    CertificateEvent.Kind.EXPIRED,
    CertificateEvent.Kind.SUSPENDED,
    CertificateEvent.Kind.REVOKED,
)
FAILED_OUTCOMES = (SyncRun.Outcome.ABORTED, SyncRun.Outcome.FAILED)


def delisted_product_ids(run: SyncRun) -> set[int]:
    """Products whose certificate expired, was suspended or revoked in ``run``
    (``registry_synced`` sends every changed product, not which ones left sale)."""
    certificate_ids = CertificateEvent.objects.filter(
        sync_run_id=run.pk, kind__in=DELISTING_KINDS
    ).values("certificate_id")
    return set(
        Certificate.objects.filter(pk__in=certificate_ids, product__isnull=False).values_list(
            "product_id", flat=True
        )
    )


@receiver(registry_synced, dispatch_uid="catalogue_sync.notify_delisted")
def on_registry_synced(sender, *, run: SyncRun, product_ids=(), **kwargs) -> None:
    if not (run.counts or {}).get("delisted"):
        return
    try:
        ids = delisted_product_ids(run)
        if product_ids:
            ids &= set(product_ids)
        # notify_delisted skips any product that is still sellable.
        notify_delisted(product_ids=ids)
    except Exception:
        logger.exception("Delisting emails after sync run #%s failed", run.pk)


def staff_recipients() -> list[str]:
    managers = [address for _name, address in getattr(settings, "MANAGERS", []) if address]
    if managers:
        return managers
    users = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return sorted({u.email for u in users})


def notify_staff_aborted(run: SyncRun) -> int:
    """Email staff that ``run`` was aborted or failed. Returns the number of emails sent."""
    recipients = staff_recipients()
    if not recipients:
        logger.warning("Sync run #%s %s but no staff email is known", run.pk, run.outcome)
        return 0
    context = {
        "run": run,
        "shop_name": getattr(settings, "OSCAR_SHOP_NAME", "Chợ OCOP"),
        "run_url": site_url(reverse("ocop_dashboard:sync-run-detail", args=[run.pk])),
        "runs_url": site_url(reverse("ocop_dashboard:sync-run-list")),
        "counts": {k: v for k, v in (run.counts or {}).items() if v and not k.startswith("_")},
        "quarantined": run.quarantined.count(),
    }
    subject = " ".join(
        render_to_string("catalogue_sync/email/run_failed_subject.txt", context).split()
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("catalogue_sync/email/run_failed.txt", context),
        to=recipients,
    )
    message.attach_alternative(
        render_to_string("catalogue_sync/email/run_failed.html", context), "text/html"
    )
    message.send()
    return 1


@receiver(pre_save, sender=SyncRun, dispatch_uid="catalogue_sync.remember_outcome")
def remember_outcome(sender, instance: SyncRun, update_fields=None, **kwargs) -> None:
    """Note the stored outcome so post_save can tell when it *becomes* aborted/failed."""
    if instance.pk is None or (update_fields is not None and "outcome" not in update_fields):
        return
    instance._previous_outcome = (
        SyncRun.objects.filter(pk=instance.pk).values_list("outcome", flat=True).first()
    )


@receiver(post_save, sender=SyncRun, dispatch_uid="catalogue_sync.notify_staff_aborted")
def on_run_saved(sender, instance: SyncRun, created: bool, update_fields=None, **kwargs) -> None:
    if update_fields is not None and "outcome" not in update_fields:
        return
    if instance.outcome not in FAILED_OUTCOMES:
        return
    if not created and getattr(instance, "_previous_outcome", None) == instance.outcome:
        return  # saved again, already reported
    instance._previous_outcome = instance.outcome
    try:
        notify_staff_aborted(instance)
    except Exception:
        logger.exception("Could not email staff about sync run #%s", instance.pk)

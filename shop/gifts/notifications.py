"""Telling a gift set's curator that the set left sale because of a component.

``notify_lapsed`` runs after a registry sync or a certificate, stock or product change
(shop.gifts.receivers): every gift set that is not sellable because of a component and was
not told yet gets ONE email; ``lapse_notified_at`` marks it, and is cleared when the set is
sellable again, so the next lapse is announced again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.ocop.notifications import producer_recipients, site_url
from shop.ocop.rules import check_product, today

from .models import GiftSet

logger = logging.getLogger(__name__)


def curator_recipients(gift_set: GiftSet) -> list[str]:
    """The curating user; else the curating producer's addresses; else platform staff."""
    user = gift_set.curator_user
    if user is not None and user.is_active and (user.email or "").strip():
        return [user.email.strip()]
    if gift_set.curator_partner_id:
        return producer_recipients(gift_set.curator_partner)
    staff = list(getattr(settings, "OCOP_STAFF_EMAILS", []) or [])
    staff = staff or [email for _name, email in getattr(settings, "MANAGERS", [])]
    seller = getattr(settings, "SELLER", {}).get("email")
    return staff or ([seller] if seller else [])


def _message(gift_set: GiftSet, reason: str) -> tuple[str, str]:
    title = gift_set.product.get_title()
    try:
        url = site_url(gift_set.product.get_absolute_url())
    except Exception:  # noqa: BLE001 - a URL is a nicety in this email
        url = ""
    subject = _("Giỏ quà “%(gift)s” đã tạm ngừng bán") % {"gift": title}
    body = _(
        "Xin chào,\n\n"
        "Giỏ quà “%(gift)s” vừa tạm ngừng bán trên %(shop)s vì một sản phẩm bên trong "
        "không còn bán được.\n\n"
        "%(reason)s\n\n"
        "Giỏ quà sẽ tự động được bán lại khi sản phẩm này bán được trở lại. Bạn cũng có thể "
        "thay sản phẩm khác cho giỏ quà.\n%(url)s\n\nTrân trọng,\n%(shop)s\n"
    ) % {
        "gift": title,
        "shop": getattr(settings, "OSCAR_SHOP_NAME", "Chợ OCOP"),
        "reason": reason,
        "url": url,
    }
    return subject, body


def notify_lapsed(*, product_ids: Iterable[int] | None = None) -> int:
    """Check the gift sets holding any of ``product_ids`` (or being one of them; None: every
    gift set), tell each newly lapsed set's curator once and forget the lapse of sets that
    are sellable again. Returns the number of emails sent."""
    sets = GiftSet.objects.select_related("product", "curator_user", "curator_partner")
    if product_ids is not None:
        ids = {int(pk) for pk in product_ids if pk}
        if not ids:
            return 0
        sets = sets.filter(Q(components__product_id__in=ids) | Q(product_id__in=ids)).distinct()
    on = today()
    sent = 0
    for gift_set in sets.order_by("pk"):
        verdict = check_product(product=gift_set.product, on=on)
        if verdict.sellable:
            if gift_set.lapse_notified_at is not None:
                GiftSet.objects.filter(pk=gift_set.pk).update(lapse_notified_at=None)
            continue
        if verdict.component is None or gift_set.lapse_notified_at is not None:
            continue  # off sale for its own reasons (unpublished...), or already told
        recipients = curator_recipients(gift_set)
        if not recipients:
            logger.warning("Gift set %s lapsed but its curator has no email", gift_set.pk)
            continue
        subject, body = _message(gift_set, verdict.reason)
        try:
            with transaction.atomic():
                claimed = GiftSet.objects.filter(
                    pk=gift_set.pk, lapse_notified_at__isnull=True
                ).update(lapse_notified_at=timezone.now())
                if not claimed:
                    continue  # another worker told the curator a moment ago
                send_mail(
                    subject=subject,
                    message=body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=recipients,
                )
        except Exception:
            logger.exception("Lapse notice for gift set %s failed", gift_set.pk)
            continue
        sent += 1
    return sent

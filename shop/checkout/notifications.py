"""Order e-mails: the confirmation to the shopper, and one notice per producer with only
that producer's lines. Vietnamese text and HTML, UTF-8."""

from __future__ import annotations

import logging
from itertools import groupby

from django.conf import settings
from django.template.loader import render_to_string

from shop.background import send_mail_later
from shop.order.models import PaymentMethod
from shop.payments import services as payments

logger = logging.getLogger("shop.checkout")


def _send(*, subject: str, to: list[str], template: str, context: dict) -> None:
    text = render_to_string(f"oscar/checkout/emails/{template}.txt", context)
    html = render_to_string(f"oscar/checkout/emails/{template}.html", context)
    send_mail_later(subject=subject, message=text, html_message=html, recipient_list=to)


def send_order_emails(*, order, request=None) -> None:
    site_url = (
        request.build_absolute_uri("/") if request else settings.WAGTAILADMIN_BASE_URL
    ).rstrip("/")
    base = {"order": order, "site_url": site_url, "seller": settings.SELLER}
    if order.payment_method == PaymentMethod.VIETQR:
        base.update(
            vietqr_image=payments.vietqr_image_data_uri(order=order),
            transfer_note=payments.transfer_note(order),
            bank=payments.bank_account(),
        )
    email = order.email
    if email:
        _send(
            subject=f"Chợ OCOP: xác nhận đơn hàng {order.number}",
            to=[email],
            template="order_confirmation",
            context={**base, "lines": list(order.lines.all())},
        )
    lines = sorted(order.lines.select_related("partner"), key=lambda line: line.partner_id or 0)
    for _partner_id, group in groupby(lines, key=lambda line: line.partner_id):
        own = list(group)
        partner = own[0].partner
        to = [partner.email] if partner and partner.email else []
        to += [u.email for u in partner.users.all() if u.email] if partner else []
        if not to:
            logger.warning("Order %s: producer %s has no e-mail", order.number, partner)
            continue
        _send(
            subject=f"Chợ OCOP: đơn hàng mới {order.number}",
            to=sorted(set(to)),
            template="producer_notice",
            context={**base, "partner": partner, "lines": own},
        )

"""Guest order tracking: an order number and the phone or e-mail it was placed with show the
order's status, lines and shipments (``/shop/tra-cuu-don-hang/``), without an account.

* The contact matches the order's guest e-mail, its account's e-mail or its shipping
  address's phone (any usual Vietnamese way of writing it: ``0912 345 678``,
  ``+84 912 345 678``, ``84912345678``, ``(+84) 0912.345.678``).
* Nothing tells a wrong pair from an unknown order: ``find_order`` returns None for both,
  and the view answers both with the same message and status.
* Failed look-ups are counted per client IP and per order number (whether or not the order
  exists), with the login rate limit's counters (shop.producers.ratelimit); past a ceiling
  every look-up from that IP, or for that number, is refused until the window passes.
* What is shown is what the buyer already knows, with the address and contact masked.

Settings, read here with defaults: ``ORDER_TRACKING_RATE_LIMIT`` ({"per_ip", "per_order",
"window"}) and ``ORDER_TRACKING_CARRIERS`` ({carrier name in lower case: URL template with
``{code}``}), which turns a shipment's tracking number into a link to its carrier's page.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.utils.crypto import constant_time_compare
from oscar.core.loading import get_model

from shop.producers import ratelimit

Order = get_model("order", "Order")

#: Public tracking pages of the carriers producers use most; a carrier not listed here gets
#: its tracking number shown without a link.
CARRIER_TRACKING_URLS = {
    "ghn": "https://donhang.ghn.vn/?order_code={code}",
    "giao hàng nhanh": "https://donhang.ghn.vn/?order_code={code}",
    "ghtk": "https://i.ghtk.vn/{code}",
    "giao hàng tiết kiệm": "https://i.ghtk.vn/{code}",
    "j&t": "https://jtexpress.vn/vi/tracking?type=track&billcode={code}",
    "j&t express": "https://jtexpress.vn/vi/tracking?type=track&billcode={code}",
    "ninja van": "https://www.ninjavan.co/vi-vn/tracking?id={code}",
}


# ----------------------------------------------------------------------------- pure helpers


def normalise_number(value: str) -> str:
    """An order number as typed: spaces and a leading ``#`` dropped."""
    return re.sub(r"\s+", "", value or "").lstrip("#")


def normalise_phone(value: str) -> str:
    """A Vietnamese phone number in its national form (``0912345678``), from any usual
    spelling; "" when it cannot be one (fewer than 9 digits)."""
    digits = re.sub(r"\D", "", value or "")
    if digits.startswith("0084"):
        digits = digits[4:]
    elif digits.startswith("84") and len(digits) >= 11:
        digits = digits[2:]  # 84 912 345 678, or 84 0912 345 678 with the trunk zero kept
    digits = digits.removeprefix("0")
    if not 8 <= len(digits) <= 10:
        return ""
    return "0" + digits


def is_email(value: str) -> bool:
    return "@" in (value or "")


def mask_phone(value: str) -> str:
    """``0912345678`` → ``091****678``."""
    phone = normalise_phone(value)
    if not phone:
        return ""
    return phone[:3] + "*" * (len(phone) - 6) + phone[-3:]


def mask_email(value: str) -> str:
    """``khach.hang@example.vn`` → ``k***@example.vn``."""
    local, _, domain = (value or "").partition("@")
    if not domain:
        return ""
    return f"{local[:1]}***@{domain}"


def mask_name(value: str) -> str:
    """``Nguyễn Thị Lan`` → ``N. T. L.``: enough for the buyer to recognise."""
    return " ".join(f"{word[0]}." for word in (value or "").split())


def mask_street(value: str) -> str:
    """``Số 5 ngõ 12 phố Huế`` → ``Số 5 ***``: the house number and street stay private."""
    words = (value or "").split()
    if not words:
        return ""
    return " ".join(words[:2]) + " ***" if len(words) > 2 else words[0][:1] + "***"


def tracking_url(carrier: str, code: str) -> str:
    """The carrier's public page for tracking number ``code``, or "" when unknown."""
    urls = getattr(settings, "ORDER_TRACKING_CARRIERS", CARRIER_TRACKING_URLS)
    template = urls.get(" ".join((carrier or "").lower().split()))
    if not template or not code:
        return ""
    return template.format(code=quote(code.strip(), safe=""))


# ----------------------------------------------------------------------------- rate limit


def limits() -> tuple[int, int, int]:
    """(failed look-ups per IP, failed look-ups per order number, window in seconds)."""
    conf = getattr(settings, "ORDER_TRACKING_RATE_LIMIT", {})
    return conf.get("per_ip", 20), conf.get("per_order", 5), conf.get("window", 15 * 60)


def _keys(*, ip: str, number: str) -> tuple[str, str]:
    digest = hashlib.sha256(normalise_number(number).upper().encode()).hexdigest()[:32]
    return f"order-track-ip:{ip}", f"order-track-no:{digest}"


def is_blocked(*, ip: str, number: str) -> bool:
    per_ip, per_order, _window = limits()
    ip_key, number_key = _keys(ip=ip, number=number)
    return ratelimit.reached({ip_key: per_ip, number_key: per_order})


def count_failure(*, ip: str, number: str) -> None:
    window = limits()[2]
    for key in _keys(ip=ip, number=number):
        ratelimit.bump(key, window)


# ----------------------------------------------------------------------------- look-up


def _contact_matches(order, contact: str) -> bool:
    contact = contact.strip()
    if is_email(contact):
        wanted = contact.lower()
        emails = {order.guest_email, order.user.email if order.user_id else ""}
        return any(e and constant_time_compare(e.strip().lower(), wanted) for e in emails)
    phone = normalise_phone(contact)
    address = order.shipping_address
    if not phone or address is None or not address.phone_number:
        return False
    return constant_time_compare(normalise_phone(str(address.phone_number)), phone)


def find_order(*, number: str, contact: str):
    """The order numbered ``number`` if ``contact`` is its e-mail or phone, else None (for
    an unknown number and for a wrong contact alike)."""
    number = normalise_number(number)
    if not number or not contact.strip():
        return None
    order = Order.objects.select_related("user", "shipping_address").filter(number=number).first()
    if order is None or not _contact_matches(order, contact):
        return None
    return order


# ----------------------------------------------------------------------------- what is shown


@dataclass
class TrackedShipment:
    sender: str
    status: str
    status_code: str
    carrier: str = ""
    tracking_number: str = ""
    tracking_url: str = ""
    shipped_at: object = None
    lines: list = field(default_factory=list)


@dataclass
class TrackedOrder:
    order: object
    recipient: str
    address: str
    contact: str
    shipments: list[TrackedShipment]
    unshipped_lines: list = field(default_factory=list)  # lines no shipment speaks for (yet)


def tracked_order(order) -> TrackedOrder:
    """The order as the tracking page shows it: its lines grouped by the shipment that
    brings them to the shopper (a producer's own, or the packing point's for a mixed gift;
    the components travelling to the packing point are not the shopper's business)."""
    Shipment = get_model("producers", "Shipment")
    lines = list(order.lines.order_by("pk"))
    by_partner: dict = {}
    for line in lines:
        by_partner.setdefault(line.partner_id, []).append(line)
    shipments = []
    for shipment in Shipment.objects.filter(order=order).select_related("partner"):
        own = by_partner.pop(shipment.partner_id, None)
        if own is None:
            continue
        shipments.append(
            TrackedShipment(
                sender=shipment.partner.name,
                status=shipment.get_status_display(),
                status_code=shipment.status,
                carrier=shipment.carrier,
                tracking_number=shipment.tracking_number,
                tracking_url=tracking_url(shipment.carrier, shipment.tracking_number),
                shipped_at=shipment.shipped_at,
                lines=own,
            )
        )
    address = order.shipping_address
    street = mask_street(address.line1) if address else ""
    area = [part for part in (address.line3, address.line4) if part] if address else []
    contact = mask_phone(str(address.phone_number)) if address and address.phone_number else ""
    return TrackedOrder(
        order=order,
        recipient=mask_name(address.first_name if address else ""),
        address=", ".join([p for p in (street, *area) if p]),
        contact=contact or mask_email(order.email or ""),
        shipments=shipments,
        unshipped_lines=[line for group in by_partner.values() for line in group],
    )

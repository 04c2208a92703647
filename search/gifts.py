"""What a search document says about a curated gift set, which has no certificate of its own:
it stands on its components. The rule (shop.ocop.rules) decides whether it is sellable; its
dates are the narrowest of its components' valid certificates; it is in stock while its
components allow at least one set (shop.gifts.services.free_units)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shop.gifts.services import free_units, gift_set_items
from shop.ocop.rules import best_certificate, check_product, gift_kind


@dataclass(frozen=True)
class GiftSetFacts:
    sellable: bool
    valid_from: date | None
    valid_until: date | None
    in_stock: bool


def gift_set_facts(product, *, on: date) -> GiftSetFacts | None:
    """None for anything but a curated gift set."""
    if gift_kind(product) != "gift_set":
        return None
    verdict = check_product(product=product, on=on)
    starts, ends = [], []
    for item, _quantity in gift_set_items(product):
        owner = item.parent if item.is_child else item
        certificate = best_certificate(owner.certificates.all(), on=on)
        if certificate is not None and certificate.is_valid_on(on):
            starts.append(certificate.valid_from)
            ends.append(certificate.valid_until)
    dated = bool(verdict) and bool(starts)
    return GiftSetFacts(
        sellable=dated,
        valid_from=max(starts) if dated else None,
        valid_until=min(ends) if dated else None,
        in_stock=free_units(product) > 0,
    )

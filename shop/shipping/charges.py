"""Shipping charges: each producer ships its own lines from its province.

charge(producer) = 0 when that producer's goods reach the zone's ``free_above``, otherwise
``first_kg`` + ``per_extra_kg`` for every started kilogram after the first. The basket's charge
is the sum over producers. Rates are ``ZoneRate`` rows staff edit in the admin.

A gift basket line (shop.gifts) weighs what its components weigh. When all its components
come from one producer, it travels in that producer's shipment; otherwise it is assembled at
the packing point (settings.OCOP_PACKING_POINT) and all such lines form one shipment from
the packing point's province.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Prefetch, prefetch_related_objects
from oscar.core.loading import get_model

from shop.gifts.services import (
    line_components,
    packing_point,
    single_producer,
)

from .models import Zone, ZoneRate

DEFAULT_WEIGHT_KG = Decimal("0.5")
WEIGHT_ATTRIBUTE = "weight"


def _prefetch_weights(products) -> None:
    """The attribute values ``Product.get_attribute_values`` reads (its own and, for a
    variant, its parent's), for all ``products`` in two queries."""
    ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
    values = ProductAttributeValue.objects.select_related("attribute")
    products = list(products)
    # Every parent object, not one per id: two variant lines may carry separate copies of
    # the same parent, and Oscar reads the values from the copy each variant holds.
    parents = {
        id(p.parent): p.parent
        for p in products
        if p.is_child and not hasattr(p.parent, "_prefetched_parent_attribute_values")
    }
    products = [p for p in products if not hasattr(p, "_prefetched_attribute_values")]
    prefetch_related_objects(
        products,
        Prefetch("attribute_values", queryset=values, to_attr="_prefetched_attribute_values"),
    )
    prefetch_related_objects(
        list(parents.values()),
        Prefetch(
            "attribute_values", queryset=values, to_attr="_prefetched_parent_attribute_values"
        ),
    )


def weigh(product) -> Decimal:
    """The product's ``weight`` attribute (a variant's own, else its parent's) in kg, or
    DEFAULT_WEIGHT_KG; as Oscar's ``Scale.weigh_product``, without a query once
    ``_prefetch_weights`` ran."""
    for value in product.get_attribute_values():
        if value.attribute.code == WEIGHT_ATTRIBUTE and value.value is not None:
            return Decimal(str(value.value))
    return DEFAULT_WEIGHT_KG


def _load(lines) -> dict[int, list[tuple[object, int]]]:
    """Fetch what the estimate reads for every line at once (producers, weights, and what gift
    lines hold, through the basket's one gift prefetch); returns each gift line's components
    by line id. ``lines`` are a basket's cached lines (``basket.all_lines()``)."""
    prefetch_related_objects(lines, "stockrecord__partner")
    products = [line.product for line in lines if line.product is not None]
    prefetch_related_objects([p for p in products if p.is_child], "parent")
    # What gifts hold, from the basket's one prefetch (shop.gifts.services.prefetch_lines).
    components = {
        line.pk: items for line in lines if line.product and (items := line_components(line))
    }
    parts = [item for items in components.values() for item, _qty in items]
    prefetch_related_objects(parts, "stockrecords__partner")
    _prefetch_weights(products + parts)
    return components


def _kg(weight) -> Decimal:
    """A weight in kg to the gram (the attribute is a float: 1.2 must not be 1.19999…)."""
    return Decimal(str(float(weight))).quantize(Decimal("0.001"))


def region(province_code: str) -> str:
    """North (codes up to 37), Central and Central Highlands (38–68), South (75 and up)."""
    try:
        code = int(province_code)
    except (TypeError, ValueError):
        return ""
    if code <= 37:
        return "north"
    if code <= 68:
        return "central"
    return "south"


def zone_between(*, from_province: str, to_province: str) -> str:
    if from_province and from_province == to_province:
        return Zone.SAME_PROVINCE
    if region(from_province) and region(from_province) == region(to_province):
        return Zone.SAME_REGION
    return Zone.ELSEWHERE


@dataclass
class Shipment:
    partner_id: int
    partner_name: str
    province_code: str
    zone: str = Zone.ELSEWHERE
    weight_kg: Decimal = Decimal("0")
    goods_total: Decimal = Decimal("0")
    charge: Decimal = Decimal("0")
    lines: list = field(default_factory=list)

    @property
    def zone_label(self) -> str:
        return Zone(self.zone).label

    @property
    def is_free(self) -> bool:
        return self.charge == 0

    def as_dict(self) -> dict:
        return {
            "partner_id": self.partner_id,
            "partner_name": self.partner_name,
            "zone": self.zone,
            "weight_kg": str(self.weight_kg),
            "goods_total": str(self.goods_total),
            "charge": str(self.charge),
        }


def default_rates() -> dict[str, ZoneRate]:
    """The launch rates (also created by a data migration), when staff have none saved."""
    return {
        Zone.SAME_PROVINCE: ZoneRate(
            zone=Zone.SAME_PROVINCE, first_kg=20000, per_extra_kg=3000, free_above=300000
        ),
        Zone.SAME_REGION: ZoneRate(
            zone=Zone.SAME_REGION, first_kg=30000, per_extra_kg=5000, free_above=500000
        ),
        Zone.ELSEWHERE: ZoneRate(
            zone=Zone.ELSEWHERE, first_kg=40000, per_extra_kg=8000, free_above=800000
        ),
    }


def rate_charge(rate: ZoneRate | None, *, weight_kg: Decimal, goods_total: Decimal) -> Decimal:
    if rate is None:
        return Decimal("0")
    if rate.free_above is not None and goods_total >= rate.free_above:
        return Decimal("0")
    extra_kg = max(0, math.ceil(weight_kg - 1))
    return rate.first_kg + rate.per_extra_kg * extra_kg


def shipments(*, basket, to_province: str) -> list[Shipment]:
    """One shipment per producer in ``basket``, priced for delivery to ``to_province``."""
    rates = {r.zone: r for r in ZoneRate.objects.all()} or default_rates()
    by_partner: dict[object, Shipment] = {}
    lines = list(basket.all_lines())
    gift_components = _load(lines)
    for line in lines:
        partner = line.stockrecord.partner
        key, origin, weight = partner.pk, partner, weigh(line.product)
        items = gift_components.get(line.pk)
        if items:
            weight = sum((_kg(weigh(item)) * qty for item, qty in items), Decimal("0"))
            producer = single_producer(items)
            if producer is not None:
                key, origin = producer.pk, producer
            else:
                point = packing_point()
                key, origin = (
                    "packing_point",
                    SimpleNamespace(
                        pk=partner.pk, name=point["name"], province_code=point["province_code"]
                    ),
                )
        shipment = by_partner.get(key)
        if shipment is None:
            shipment = by_partner[key] = Shipment(
                partner_id=origin.pk,
                partner_name=origin.name,
                province_code=origin.province_code,
                zone=zone_between(from_province=origin.province_code, to_province=to_province),
            )
        shipment.lines.append(line)
        shipment.weight_kg += weight * line.quantity
        shipment.goods_total += line.line_price_incl_tax_incl_discounts or Decimal("0")
    for shipment in by_partner.values():
        shipment.charge = rate_charge(
            rates.get(shipment.zone), weight_kg=shipment.weight_kg, goods_total=shipment.goods_total
        )
    return list(by_partner.values())

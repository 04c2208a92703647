"""Recording batches: a new batch may add its quantity to a stock record, in one transaction."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import transaction
from oscar.core.loading import get_model

from shop.ocop.rules import today

from .models import Batch, OriginArea

StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")


def areas_of(partner):
    return OriginArea.objects.filter(partner=partner)


def batches_of(partner):
    return Batch.objects.filter(partner=partner).select_related("product", "area")


@transaction.atomic
def record_batch(form) -> Batch:
    """Save a new batch (``BatchForm``); its quantity goes into the chosen stock record."""
    batch = form.save(commit=False)
    batch.partner = form.partner
    record = form.cleaned_data.get("add_to_stock")
    if record is not None:
        batch.stockrecord = record
    batch.save()
    if record is not None:
        # Locked, then saved (not update()): the page cache and search listen to saves.
        record = StockRecord.objects.select_for_update().get(pk=record.pk)
        record.num_in_stock = (record.num_in_stock or 0) + batch.quantity
        record.save(update_fields=["num_in_stock"])
    return batch


def current_batches(product, *, on=None) -> list[Batch]:
    """A product's batches still in date, first to expire first (what is sold now first)."""
    on = on or today()
    owner = product.parent if product.is_child else product
    fresh = [b for b in owner.batches.all() if b.is_fresh_on(on)]
    return sorted(fresh, key=lambda b: (b.best_before is None, b.best_before, b.produced_on))


def with_map(area: OriginArea) -> OriginArea:
    """Give ``area`` ``map_embed`` (an OpenStreetMap iframe URL) and ``map_link`` when it has
    coordinates; both stay unset otherwise."""
    if area.has_point:
        lat, lon = float(area.latitude), float(area.longitude)
        box = f"{lon - 0.02:.5f},{lat - 0.015:.5f},{lon + 0.02:.5f},{lat + 0.015:.5f}"
        area.map_embed = "https://www.openstreetmap.org/export/embed.html?" + urlencode(
            {"bbox": box, "layer": "mapnik", "marker": f"{lat:.5f},{lon:.5f}"}
        )
        area.map_link = (
            f"https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}"
            f"#map=15/{lat:.5f}/{lon:.5f}"
        )
    return area


def product_origin(product, *, on=None) -> dict:
    """What the product page shows of origin: the batch sold now (first in date to expire) and
    the raw-material areas (linked to the product, or named by a batch still in date)."""
    owner = product.parent if product.is_child else product
    batches = current_batches(owner, on=on)
    areas = {a.pk: a for a in owner.origin_areas.all()}
    for b in batches:
        if b.area is not None:
            areas.setdefault(b.area.pk, b.area)
    return {
        "batch": batches[0] if batches else None,
        "areas": sorted(areas.values(), key=lambda a: a.name),
    }


def label_lots(rows, *, on=None) -> None:
    """Give each row (an order line or a gift component: anything with ``product_id``) a
    ``lots`` list: its product's batches in date, first to expire first, the one to pack
    first at the front. One query for all rows; a product without batches gets []."""
    on = on or today()
    rows = list(rows)
    ids = {r.product_id for r in rows if r.product_id}
    owner_of = {
        pk: parent or pk
        for pk, parent in Product.objects.filter(pk__in=ids).values_list("pk", "parent_id")
    }
    by_owner: dict[int, list[Batch]] = {}
    for b in Batch.objects.filter(product_id__in=set(owner_of.values())):
        if b.is_fresh_on(on):
            by_owner.setdefault(b.product_id, []).append(b)
    for lots in by_owner.values():
        lots.sort(key=lambda b: (b.best_before is None, b.best_before, b.produced_on))
    for r in rows:
        r.lots = by_owner.get(owner_of.get(r.product_id), [])

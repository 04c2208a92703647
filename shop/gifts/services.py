"""Gift baskets: what a gift holds, how many can be sold, what a box costs and whether its
contents are allowed. Sellability itself stays in shop.ocop.rules (the one rule); this module
only reads it.

The API the storefront uses:

* ``free_units(product)``: how many of a curated gift set can be sold now;
* ``box_contents(line)``: the ``[(product, quantity)]`` a box line (basket or order) holds;
* ``validate_box(box_type, items)``: the Vietnamese errors that keep those contents out;
* ``box_price(box_type, items)``: packaging plus the items, tax-inclusive VND;
* ``line_components(line)``: ``[(product, quantity per unit)]`` for any gift line
  (a gift set's components, or a box's contents); empty for a plain line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.ocop.rules import (
    check_product,
    free_stock,
    gift_kind,
    gift_set_components,
    gift_set_units,
)

from .models import BOX_CONTENTS_OPTION, BoxType, GiftComponent, gift_set_or_none, loaded_components

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

Items = Sequence[tuple[object, int]]

#: Lookups (on Product) that load everything ``check_product``/``free_units`` read for a gift
#: set without further queries: ``Product.objects.prefetch_related(*GIFT_SET_PREFETCH)``.
GIFT_SET_PREFETCH = (
    "gift_set__components__product__product_class",
    "gift_set__components__product__parent",
    "gift_set__components__product__certificates",
    "gift_set__components__product__parent__certificates",
    "gift_set__components__product__batches",
    "gift_set__components__product__parent__batches",
    "gift_set__components__product__stockrecords",
)


class BoxContentsError(ValueError):
    """The box line's contents option is not the JSON this module writes."""


def component_record(product):
    """The stock record a component is sold from (the strategy's choice: the first)."""
    records = list(product.stockrecords.all())
    return records[0] if records else None


def load_for_page(product, *, also=()):
    """The GiftSet of a curated gift set ``product``, with its curator and components and
    everything its product page reads of them (THE rule for the head and the buy box; the
    photo, producer and certificate of each component for the contents list), loaded once
    for the whole page; None for any other product. The products in ``also`` (the page's
    own product) get their photos, stock records and certificates in the same queries:
    five in all (components, photos, stock records with their partner, certificates with
    their producer, batches), none the second time."""
    from shop.ocop.models import Certificate

    if gift_kind(product) != "gift_set":
        return None
    gift_set = gift_set_or_none(product)
    if gift_set is None or loaded_components(gift_set) is not None:
        return gift_set
    prefetch_related_objects(
        [gift_set],
        "curator_partner",  # none when joined already
        Prefetch(
            "components",
            queryset=GiftComponent.objects.select_related(
                "product__product_class", "product__parent"
            ),
        ),
    )
    products = list(also)
    for component in gift_set.components.all():
        products.append(component.product)
        if component.product.parent_id:
            products.append(component.product.parent)
    ProductImage = get_model("catalogue", "ProductImage")
    prefetch_related_objects(
        products,
        Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
        Prefetch(
            "stockrecords", queryset=StockRecord.objects.select_related("partner").order_by("pk")
        ),
        Prefetch("certificates", queryset=Certificate.objects.select_related("producer")),
        "batches",
    )
    return gift_set


def free_units(product) -> int:
    """How many of the gift set ``product`` can be sold now: the minimum over its components
    of floor(free stock / quantity per set). 0 for a set with no components."""
    return gift_set_units(gift_set_components(product))


def gift_set_items(product) -> list[tuple[object, int]]:
    """``[(component product, quantity per set)]`` of a curated gift set."""
    return [(c.product, c.quantity) for c in gift_set_components(product)]


def gift_sets_holding(product_ids) -> list[int]:
    """Product ids of the gift sets holding any of ``product_ids`` as a component (a
    component is the product sold, so pass a parent's variants along with it)."""
    ids = [pk for pk in product_ids if pk]
    if not ids:
        return []
    return list(
        GiftComponent.objects.filter(product_id__in=ids)
        .values_list("gift_set__product_id", flat=True)
        .distinct()
    )


# ----------------------------------------------------------------------------- boxes


def encode_box_contents(items: Iterable[tuple[object, int]]) -> str:
    """The option value for a box line: ``[{"product": id, "quantity": n}]``, sorted by id so
    the same contents make the same basket line."""
    merged: dict[int, int] = {}
    for product, quantity in items:
        pk = product if isinstance(product, int) else product.pk
        merged[pk] = merged.get(pk, 0) + int(quantity)
    return json.dumps(
        [{"product": pk, "quantity": qty} for pk, qty in sorted(merged.items())],
        separators=(",", ":"),
    )


def parse_box_contents(value) -> list[tuple[int, int]]:
    """``[(product_id, quantity)]`` from the option value (a JSON string, or the decoded
    list). Raises BoxContentsError when it is not that shape."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as error:
            raise BoxContentsError(_("Nội dung hộp quà không đọc được.")) from error
    if not isinstance(value, list):
        raise BoxContentsError(_("Nội dung hộp quà không đọc được."))
    items = []
    for entry in value:
        try:
            pk, quantity = int(entry["product"]), int(entry["quantity"])
        except (KeyError, TypeError, ValueError) as error:
            raise BoxContentsError(_("Nội dung hộp quà không đọc được.")) from error
        items.append((pk, quantity))
    return items


def _option_value(line):
    for attribute in line.attributes.all():
        if attribute.option.code == BOX_CONTENTS_OPTION:
            return attribute.value
    return None


def box_pairs(line) -> list[tuple[int, int]]:
    """``[(product id, quantity)]`` per ONE box as the box on ``line`` (a basket or an order
    line) stores them; [] when the line has no box contents or they cannot be read."""
    value = _option_value(line)
    if value is None:
        return []
    try:
        return parse_box_contents(value)
    except BoxContentsError:
        return []


def load_products(ids: Iterable[int]) -> dict[int, object]:
    """Products by id with what the rule and the price need, in a fixed number of queries."""
    return (
        Product.objects.select_related("product_class", "parent")
        .prefetch_related(
            "certificates",
            "parent__certificates",
            "batches",
            "parent__batches",
            "stockrecords__partner",
        )
        .in_bulk(list(ids))
    )


def box_contents(line) -> list[tuple[object, int]]:
    """What the box on ``line`` (a basket or an order line) holds: ``[(product, quantity)]``
    per ONE box. Products deleted since are left out; an unreadable option gives []."""
    prefetch_basket_lines(line)
    if _BOX_ITEMS in line.__dict__:
        return list(line.__dict__[_BOX_ITEMS])
    return box_items(box_pairs(line))


def box_items(pairs: Iterable[tuple[int, int]]) -> list[tuple[object, int]]:
    """``[(product, quantity)]`` for stored ``[(product id, quantity)]`` pairs, the products
    loaded with what the rule and the price read; products deleted since are left out."""
    pairs = list(pairs)
    if not pairs:
        return []
    products = load_products(pk for pk, _qty in pairs)
    return [(products[pk], qty) for pk, qty in pairs if pk in products]


def line_components(line) -> list[tuple[object, int]]:
    """``[(product, quantity per unit of the line)]`` for a gift line; [] for a plain one."""
    prefetch_basket_lines(line)
    product = line.product
    if product is None:
        return []
    kind = gift_kind(product)
    if kind == "gift_set":
        return gift_set_items(product)
    if kind == "box":
        return box_contents(line)
    return []


# ----------------------------------------------------------------------------- basket pages

#: Where prefetch_lines leaves a basket box line's contents (``[(product, quantity)]``).
_BOX_ITEMS = "_gift_box_items"
#: Set on a basket's cached lines once what they read was prefetched.
_PREFETCHED = "_gift_prefetched"

#: What the strategy, the rule and the shipping read of every basket line's product: its
#: class, stock records (price and stock) and certificates (a variant's are its parent's, as
#: is its class). Basket.all_lines loads them with the lines (``product__`` + these).
LINE_PRODUCT_LOOKUPS = (
    "product_class",
    "parent__product_class",
    "stockrecords",
    "certificates",
    "parent__certificates",
    "batches",
    "parent__batches",
)

#: ... and of each gift line's product and of the products inside (rule, price, stock,
#: producer).
_LINE_PRODUCT_PREFETCH = (
    "stockrecords__partner",
    "box_type",
    *GIFT_SET_PREFETCH,
    "gift_set__components__product__stockrecords__partner",
)


def prefetch_lines(lines) -> None:
    """Load, for all of a basket's ``lines`` at once, what the strategy, the rule and the
    pages read of their products: product class, certificates (a variant's parent's),
    stock records (a parent's variants'), and what gifts hold: each gift set's components
    and each box's contents, with what the rule, the price and the producer read of them.
    Afterwards the strategy, ``box_contents``/``line_components`` and the rule read no more
    rows per line, so a basket page costs the same number of queries for 1 or 10 lines.

    The rows are a snapshot taken with the page: placement takes a new one after it locked
    the stock records (``refresh_basket_lines``), checks stock against the locked rows
    (shop.order.utils), and allocates with an atomic update."""
    lines = [line for line in lines if line.product_id]
    if not lines:
        return
    products = [line.product for line in lines]
    prefetch_related_objects(products, *LINE_PRODUCT_LOOKUPS)  # skipped where already loaded
    parents = [p for p in products if p.is_parent]
    if parents:
        # The rule prices a parent by its published variants; Oscar's strategy asks for them
        # through Product.get_public_children, which takes this attribute when it is set.
        prefetch_related_objects(parents, "children__stockrecords")
        for product in parents:
            product._prefetched_public_children = [
                child for child in product.children.all() if child.is_public
            ]
    lines = [line for line in lines if gift_kind(line.product)]
    if not lines:
        return
    prefetch_related_objects([line.product for line in lines], *_LINE_PRODUCT_PREFETCH)
    boxes = [line for line in lines if gift_kind(line.product) == "box"]
    if not boxes:
        return
    prefetch_related_objects(boxes, "attributes__option")
    pairs_of = {line: box_pairs(line) for line in boxes}
    products = load_products({pk for pairs in pairs_of.values() for pk, _qty in pairs})
    for line, pairs in pairs_of.items():
        line.__dict__[_BOX_ITEMS] = [(products[pk], qty) for pk, qty in pairs if pk in products]


def prefetch_basket_lines(line) -> None:
    """When ``line`` is one of a basket's cached lines (``basket.all_lines()``, already
    loaded), prefetch what all those lines read, once per load of the lines."""
    if line._meta.label_lower != "basket.line" or not type(line).basket.is_cached(line):
        return
    cached = getattr(line.basket.all_lines(), "_result_cache", None)
    if not cached or getattr(cached[0], _PREFETCHED, False):
        return
    if not any(other is line for other in cached):
        return
    for other in cached:
        setattr(other, _PREFETCHED, True)
    prefetch_lines(cached)


def refresh_basket_lines(lines) -> None:
    """Read again, now, what the lines' products hold (``prefetch_lines``): placement calls
    this once it holds its row locks, so the rule and the gift contents it checks are the
    rows as they are then, not the snapshot the page was priced with. ``lines`` are a
    basket's cached lines; their prices (``purchase_info``) are kept."""
    lines = [line for line in lines if line.product_id]
    fresh = Product.objects.select_related("product_class", "parent__product_class").in_bulk(
        {line.product_id for line in lines}
    )
    for line in lines:
        if line.product_id in fresh:
            line.product = fresh[line.product_id]
        line.__dict__.pop(_BOX_ITEMS, None)
        setattr(line, _PREFETCHED, True)
    prefetch_lines(lines)


def validate_box(box_type: BoxType, items: Items) -> list[str]:
    """Every reason (in Vietnamese) these contents cannot go into ``box_type``; [] when fine.

    The total number of items must equal the box size exactly; each item must be a plain
    certified product, sellable by the rule and in stock for the quantity asked."""
    errors = []
    if not box_type.is_active:
        errors.append(_("Loại hộp quà này đang tạm ngừng bán."))
    total = 0
    for product, quantity in items:
        title = product.get_title()
        if quantity < 1:
            errors.append(_("Số lượng của “%(product)s” phải từ 1 trở lên.") % {"product": title})
            continue
        total += quantity
        if gift_kind(product):
            errors.append(
                _("“%(product)s” là giỏ/hộp quà, không thể đặt vào hộp quà.") % {"product": title}
            )
            continue
        verdict = check_product(product=product)
        if not verdict:
            errors.append(
                _("“%(product)s” không còn bán được: %(reason)s")
                % {"product": title, "reason": verdict.reason}
            )
            continue
        record = component_record(product)
        free = free_stock(record) if record is not None else 0
        if free < quantity:
            errors.append(
                _("“%(product)s” đã hết hàng.") % {"product": title}
                if free <= 0
                else _("“%(product)s” chỉ còn %(free)s sản phẩm.")
                % {"product": title, "free": free}
            )
    if total != box_type.size:
        errors.append(
            _("Hộp quà này đựng đúng %(size)s món; bạn đã chọn %(total)s món.")
            % {"size": box_type.size, "total": total}
        )
    return errors


def unit_price(product) -> Decimal | None:
    record = component_record(product)
    return None if record is None else record.price


def box_price(box_type: BoxType, items: Items) -> Decimal:
    """Packaging (the box product's own price) plus each item's price × quantity; prices are
    tax-inclusive VND. An item without a price counts 0 (validate_box refuses it anyway)."""
    packaging = unit_price(box_type.product) or Decimal(0)
    return packaging + sum(
        ((unit_price(product) or Decimal(0)) * quantity for product, quantity in items),
        Decimal(0),
    )


def box_type_of(product) -> BoxType | None:
    try:
        return product.box_type
    except ObjectDoesNotExist:
        return None


__all__ = [
    "GIFT_SET_PREFETCH",
    "LINE_PRODUCT_LOOKUPS",
    "BoxContentsError",
    "box_contents",
    "box_items",
    "box_price",
    "box_type_of",
    "component_record",
    "encode_box_contents",
    "free_units",
    "gift_set_items",
    "gift_sets_holding",
    "line_components",
    "load_products",
    "parse_box_contents",
    "prefetch_basket_lines",
    "prefetch_lines",
    "refresh_basket_lines",
    "single_producer",
    "unit_price",
    "validate_box",
]


# ----------------------------------------------------------------------------- fulfilment


def packing_point() -> dict:
    """Where mixed gift baskets are assembled (settings.OCOP_PACKING_POINT)."""
    from django.conf import settings

    return {
        "name": "",
        "address": "",
        "province_code": "",
        **getattr(settings, "OCOP_PACKING_POINT", {}),
    }


def single_producer(items):
    """The one producer all of a gift's ``items`` come from, or None (none, or several):
    that producer ships the gift, else it is assembled at the packing point."""
    partners = {}
    for item, _qty in items:
        record = component_record(item)
        if record is not None:
            partners[record.partner_id] = record.partner
    return next(iter(partners.values())) if len(partners) == 1 else None


def producer_components(*, order, partner) -> list:
    """The producer's components inside the order's gift lines (OrderLineComponent rows with
    ``line`` loaded), each with ``to_packing_point`` set: where the producer sends it."""
    from .models import FulfilmentKind, OrderLineComponent

    rows = list(
        OrderLineComponent.objects.filter(line__order=order, partner=partner)
        .select_related("line")
        .order_by("line_id", "pk")
    )
    for row in rows:
        row.to_packing_point = row.fulfilment == FulfilmentKind.PACKING_POINT
    return rows

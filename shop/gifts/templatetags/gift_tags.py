"""What a gift line holds, for the basket, checkout, order pages and packing slips:
"Hộp quà 5 món: 1 × Chè …, 2 × …". Reads only; the services decide what a box may hold."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.apps import apps
from django.db.models import Prefetch, Sum
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import gettext as _

from shop.catalogue.templatetags.card_tags import stored_cards
from shop.ocop.rules import gift_kind

from .. import services
from ..cards import GIFT_CARDS
from ..models import BOX_CONTENTS_OPTION, OrderLineComponent, gift_set_or_none, loaded_components

register = template.Library()


@dataclass
class ContentItem:
    quantity: int
    title: str
    url: str = ""
    producer: str = ""


@dataclass
class GiftContents:
    heading: str
    items: list[ContentItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(item.quantity for item in self.items)


def _kind(product) -> str:
    """THE rule's ``gift_kind`` ("gift_set", "box" or ""), "" for no product."""
    return gift_kind(product) if product is not None else ""


def _items(pairs) -> list[ContentItem]:
    return [ContentItem(q, p.get_title(), p.get_absolute_url()) for p, q in pairs]


def _heading(kind: str, count: int) -> str:
    if kind == "box":
        return _("Hộp quà %(n)s món") % {"n": count}
    return _("Trong giỏ quà có")


@register.simple_tag
def gift_contents(line) -> GiftContents | None:
    """The contents of a basket or order line that is a gift, else None."""
    if line is None:
        return None
    product = getattr(line, "product", None)
    kind = _kind(product)
    if hasattr(line, "order_id"):  # an order line: what was written down at placement
        items = [
            ContentItem(c.quantity, c.title, c.product.get_absolute_url() if c.product_id else "")
            for c in _order_components(line)
        ]
        if not items and kind:
            items = _items(services.line_components(line))  # placed before components existed
    elif kind:
        items = _items(services.line_components(line))
    else:
        return None
    if not items:
        return None
    contents = GiftContents(heading="", items=items)
    contents.heading = _heading(kind, contents.count)
    return contents


def _order_components(line):
    """An order line's written-down components: those prefetched with the lines when they
    were (``order_gift_lines``), else one query."""
    if "components" in getattr(line, "_prefetched_objects_cache", {}):
        return line.components.all()
    return line.components.select_related("product")


@register.inclusion_tag("gifts/_line_contents.html")
def show_gift_contents(line, links=True):
    return {"contents": gift_contents(line), "links": links}


@register.simple_tag
def gift_set_of(product):
    """For a curated gift set's page: ``{"components": [...], "curator": Partner | None}``
    (each component with its product's photo, producer and certificate loaded), else None."""
    gift_set = services.load_for_page(product) if product is not None else None
    if gift_set is None:
        return None
    return {"components": list(gift_set.components.all()), "curator": gift_set.curator_partner}


@register.filter
def is_gift(product) -> bool:
    """A gift set or a box: its stock record's partner is its curator or the packing point,
    not the producer of what is inside."""
    return bool(_kind(product))


@register.filter
def is_box_contents_option(option) -> bool:
    """The Oscar option carrying a box's contents (shown by title, never as its JSON)."""
    return getattr(option, "code", None) == BOX_CONTENTS_OPTION


@register.simple_tag
def order_gift_lines(order) -> list[tuple[object, GiftContents]]:
    """``[(line, contents)]`` for the gift lines of ``order`` (the staff order page)."""
    lines = order.lines.select_related(
        "product__product_class", "product__parent"
    ).prefetch_related(
        Prefetch("components", queryset=OrderLineComponent.objects.select_related("product"))
    )
    found = []
    for line in lines:
        contents = gift_contents(line)
        if contents is not None:
            found.append((line, contents))
    return found


@dataclass
class GiftCard:
    """What a product card says about a gift instead of naming its stock record's partner
    (the packing point or the curator) as its producer."""

    kind: str  # "gift_set" or "box"
    count: int
    curator: str = ""
    builder_url: str = ""


def _curator_name(product, gift_set) -> str:
    if gift_set.curator_partner_id is None:
        return _("Chợ OCOP tuyển chọn")
    if type(gift_set).curator_partner.is_cached(gift_set):  # the card listing loaded it
        return _("%(name)s tuyển chọn") % {"name": gift_set.curator_partner.name}
    # The curator holds the set's stock record: the listing's prefetch usually has it.
    for record in product.stockrecords.all():
        if record.partner_id == gift_set.curator_partner_id:
            return _("%(name)s tuyển chọn") % {"name": record.partner.name}
    return _("%(name)s tuyển chọn") % {"name": gift_set.curator_partner.name}


@register.simple_tag(takes_context=True)
def gift_cards(context, products) -> list:
    """The gift cards (``gifts/_gift_card.html``) of ``products`` (from cards.gift_sets, or
    stored cards from cards.featured_gift_sets), in order, stored for an anonymous visitor
    as product cards are (card_tags.product_cards)."""
    return stored_cards(context, products, GIFT_CARDS.prefix, _render_gift_card)


def _render_gift_card(context, product) -> str:
    with context.push(product=product):
        return get_template("gifts/_gift_card.html").template.render(context)


@register.simple_tag
def gift_card(product) -> GiftCard | None:
    """For a product card: None for a plain product; for a gift set its size and curator,
    for a box its size and the builder's address. Reads what the sellability rule already
    loaded for the card when it can (the gift set and its components)."""

    kind = _kind(product)
    if kind == "box":
        box = services.box_type_of(product)
        if box is None:
            return None
        if not box.is_active:  # off sale: the card says so, with no way into the builder
            return GiftCard(kind, box.size)
        return GiftCard(kind, box.size, builder_url=reverse("gifts:box", kwargs={"pk": box.pk}))
    if kind != "gift_set":
        return None
    gift_set = gift_set_or_none(product)
    if gift_set is None:
        return None
    loaded = loaded_components(gift_set)
    if loaded is not None:
        count = sum(c.quantity for c in loaded)
    else:
        count = gift_set.components.aggregate(n=Sum("quantity"))["n"] or 0
    return GiftCard(kind, count, curator=_curator_name(product, gift_set))


@register.simple_tag
def shopper_shipments(order) -> list:
    """The shipments that travel to the shopper, for the shopper's order page: one per
    producer or packing point holding lines of the order. A producer whose only part is a
    gift's components sends them to the packing point, which is not the shopper's business."""
    Shipment = apps.get_model("producers", "Shipment")
    senders = set(order.lines.values_list("partner_id", flat=True))
    return [
        shipment
        for shipment in Shipment.objects.filter(order=order).select_related("partner")
        if shipment.partner_id in senders
    ]

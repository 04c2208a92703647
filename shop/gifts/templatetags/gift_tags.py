"""What a gift line holds, for the basket, checkout, order pages and packing slips:
"Hộp quà 5 món: 1 × Chè …, 2 × …". Reads only; the services decide what a box may hold."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django import template
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from ..models import BOX_CLASS, BOX_CONTENTS_OPTION, GIFT_SET_CLASS

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


def _class_slug(product) -> str:
    if product is None:
        return ""
    return product.get_product_class().slug


def _box_items(line) -> list[dict]:
    for attribute in line.attributes.all():
        if attribute.option is not None and attribute.option.code == BOX_CONTENTS_OPTION:
            items = attribute.value
            if isinstance(items, str):
                try:
                    items = json.loads(items or "[]")
                except ValueError:
                    return []
            if not isinstance(items, list):
                return []
            return [i for i in items if isinstance(i, dict) and "product" in i]
    return []


def _from_box_option(line) -> list[ContentItem]:
    items = _box_items(line)
    Product = get_model("catalogue", "Product")
    products = Product.objects.in_bulk([i["product"] for i in items])
    found = []
    for item in items:
        product = products.get(item["product"])
        if product is not None:
            found.append(
                ContentItem(
                    int(item.get("quantity") or 1), product.get_title(), product.get_absolute_url()
                )
            )
    return found


def _from_gift_set(product) -> list[ContentItem]:
    gift_set = getattr(product, "gift_set", None)
    if gift_set is None:
        return []
    return [
        ContentItem(c.quantity, c.product.get_title(), c.product.get_absolute_url())
        for c in gift_set.components.select_related("product")
    ]


def _heading(slug: str, count: int) -> str:
    if slug == BOX_CLASS:
        return _("Hộp quà %(n)s món") % {"n": count}
    return _("Trong giỏ quà có")


@register.simple_tag
def gift_contents(line) -> GiftContents | None:
    """The contents of a basket or order line that is a gift, else None."""
    if line is None:
        return None
    product = getattr(line, "product", None)
    slug = _class_slug(product)
    if hasattr(line, "order_id"):  # an order line: what was written down at placement
        items = [
            ContentItem(c.quantity, c.title, c.product.get_absolute_url() if c.product_id else "")
            for c in line.components.select_related("product")
        ]
        if not items and slug == BOX_CLASS:
            items = _from_box_option(line)
        elif not items and slug == GIFT_SET_CLASS:
            items = _from_gift_set(product)
    elif slug == BOX_CLASS:
        items = _from_box_option(line)
    elif slug == GIFT_SET_CLASS:
        items = _from_gift_set(product)
    else:
        return None
    if not items:
        return None
    contents = GiftContents(heading="", items=items)
    contents.heading = _heading(slug, contents.count)
    return contents


@register.inclusion_tag("gifts/_line_contents.html")
def show_gift_contents(line, links=True):
    return {"contents": gift_contents(line), "links": links}

"""Stored parts of a product page.

``{% product_fragment "name" product %}…{% endproduct_fragment %}`` holds a part of the page
that shows neither the price nor the stock (breadcrumbs, gallery, description, facts,
origin, reviews). For an anonymous visitor it is stored under the product's content version
(shop.catalogue.cache.product_fragment_key), which a price or stock change leaves alone: the
page rendered afresh after an order or a producer's price edit renders only its buy box and
head, and loads only what they and THE rule read. What the parts read is loaded when one of
them must be rendered (``load_parts``)."""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.db.models import Prefetch, prefetch_related_objects
from oscar.core.loading import get_model

from shop.catalogue import cache as page_cache
from shop.ocop.rules import gift_kind
from shop.templating import parse_block

register = template.Library()

AttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductReview = get_model("reviews", "ProductReview")


def _owner(product):
    return product.parent if product.is_child else product


def _has_origin(owner) -> bool:
    """A gift has no origin of its own: its components' batches decide for it."""
    return not gift_kind(owner)


def load_parts(product) -> None:
    """What the stored parts read, once: the facts table's values with their attributes
    (a variant's own and its parent's, as Oscar's ``get_attribute_values`` reads them), the
    three newest approved reviews with their authors, and the raw-material areas."""
    if getattr(product, "_page_parts_loaded", False):
        return
    product._page_parts_loaded = True
    values = AttributeValue.objects.select_related("attribute", "value_option")
    prefetch_related_objects(
        [product],
        Prefetch("attribute_values", queryset=values, to_attr="_prefetched_attribute_values"),
        Prefetch(
            "reviews",
            queryset=ProductReview.objects.approved()
            .select_related("user")
            .order_by("-date_created", "-pk")[:3],
            to_attr="latest_reviews",
        ),
    )
    owner = _owner(product)
    if product.is_child and not hasattr(owner, "_prefetched_parent_attribute_values"):
        prefetch_related_objects(
            [owner],
            Prefetch(
                "attribute_values", queryset=values, to_attr="_prefetched_parent_attribute_values"
            ),
        )
    if _has_origin(owner):
        prefetch_related_objects([owner], "origin_areas")


class ProductFragmentNode(template.Node):
    def __init__(self, nodelist, name, product):
        self.nodelist, self.name, self.product = nodelist, name, product

    def render(self, context):
        product = self.product.resolve(context)
        request = context.get("request")
        if product is None:
            return self.nodelist.render(context)
        if request is None or request.method != "GET" or not page_cache.shares_parts(request):
            load_parts(product)
            return self.nodelist.render(context)
        # The page being rendered is in the key: a page extending this one (the review
        # form) may fill the same part differently.
        name = f"{context.template.name if context.template else ''}:{self.name}"
        key = page_cache.product_fragment_key(request, product, name)
        html = cache.get(key)
        if html is None:
            load_parts(product)
            html = self.nodelist.render(context)
            cache.set(key, page_cache.without_csrf_tokens(html), page_cache.TIMEOUT)
            return html
        return page_cache.with_csrf_token(html, str(context.get("csrf_token", "")))


@register.tag
def product_fragment(parser, token):
    (name, product), nodelist = parse_block(
        parser, token, args=2, usage='usage: {% product_fragment "name" product %}'
    )
    return ProductFragmentNode(nodelist, name.strip("\"'"), parser.compile_filter(product))


@register.simple_tag
def product_origin(product) -> dict:
    """The batch on sale now and the raw-material areas (shop.origin.services), or nothing
    for a gift."""
    from shop.origin.services import product_origin as origin_of

    if product is None or not _has_origin(_owner(product)):
        return {}
    load_parts(product)
    return origin_of(product)


# --- The parts of a product page that show its price or stock --------------------------------
#
# ``{% offer_part "name" %}…{% endoffer_part %}`` marks one (the buy box, the head's offer, the
# variants, the recommended cards) with an HTML comment either side; the rest of the page is
# stored once under the product's content version (shop.catalogue.page_shell), and the page
# rendered afresh after a price or stock change renders only these parts. ``{% offer_setup %}``
# holds the tags whose variables they read (its output is dropped).


class OfferPartNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        return f"<!--offer:{self.name}-->{self.nodelist.render(context)}<!--/offer:{self.name}-->"


class OfferSetupNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        self.nodelist.render(context)  # sets the variables in the enclosing context
        return ""


@register.tag
def offer_part(parser, token):
    (name,), nodelist = parse_block(parser, token, args=1, usage='usage: {% offer_part "name" %}')
    return OfferPartNode(nodelist, name.strip("\"'"))


@register.tag
def offer_setup(parser, token):
    _, nodelist = parse_block(parser, token, args=0, usage="usage: {% offer_setup %}")
    return OfferSetupNode(nodelist)


@register.filter
def page_recommendations(product):
    """Oscar's recommended products of ``product``, with no query when the page's loader
    found it recommends none (``has_recommendations``)."""
    if product is None or getattr(product, "has_recommendations", True) is False:
        return []
    return product.sorted_recommended_products

"""Product cards rendered once per product version: a listing rendered afresh because one
product changed renders that product's card and takes the others as they were."""

from collections.abc import Callable

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from oscar.templatetags.product_tags import render_product

from shop.catalogue import cache as page_cache
from shop.catalogue.cards import PRODUCT_CARDS, StoredCard

register = template.Library()


@register.simple_tag(takes_context=True)
def product_cards(context, products) -> list:
    """The cards of ``products`` (Oscar's ``render_product`` for each), in order.

    For an anonymous visitor (shop.catalogue.cache.shares_parts: a basket or not), each
    card is stored under the versions its product page has (the product's own, bumped by
    its price, stock, images, certificates, batches, reviews and a gift set's components;
    the catalogue's, bumped by a sync or a producer's change), Vietnam's date, the host
    and the language, with the CSRF token taken out and this visitor's put in. A
    signed-in shopper gets every card rendered for them."""
    return stored_cards(context, products, PRODUCT_CARDS.prefix, render_product)


def stored_cards(context, products, prefix: str, render: Callable) -> list:
    """The cards of ``products`` (``render(context, product)`` for each; a ``StoredCard``
    as it was stored), in order, stored for an anonymous visitor under the card keys of
    ``prefix`` (cache.card_keys) as ``product_cards`` says."""
    products = [p for p in products if p]
    request = context.get("request")
    token = str(context.get("csrf_token", ""))
    if request is None or not products or not page_cache.shares_parts(request):
        return [_card(context, p, token, render) for p in products]
    to_render = [p.pk for p in products if not isinstance(p, StoredCard)]
    keys = page_cache.card_keys(request, to_render, prefix=prefix) if to_render else {}
    stored = cache.get_many(list(keys.values())) if keys else {}
    cards, fresh = [], {}
    for product in products:
        if isinstance(product, StoredCard):  # loaded as its card (cards.load_cards)
            cards.append(_card(context, product, token, render))
            continue
        key = keys[product.pk]
        html = stored.get(key)
        if html is None:
            html = mark_safe(render(context, product))  # noqa: S308  (our template)
            fresh[key] = page_cache.without_csrf_tokens(html)
        else:
            html = _with_token(html, token)
        cards.append(html)
    if fresh:
        cache.set_many(fresh, page_cache.TIMEOUT)
    return cards


def _with_token(html: str, token: str) -> str:
    return mark_safe(page_cache.with_csrf_token(html, token))  # noqa: S308  (our template)


def _card(context, product, token: str, render: Callable) -> str:
    if isinstance(product, StoredCard):
        return _with_token(product.html, token)
    return mark_safe(render(context, product))  # noqa: S308  (our template)

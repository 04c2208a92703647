"""Product cards rendered once per product version: a listing rendered afresh because one
product changed renders that product's card and takes the others as they were."""

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from oscar.templatetags.product_tags import render_product

from shop.catalogue import cache as page_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def product_cards(context, products) -> list:
    """The cards of ``products`` (Oscar's ``render_product`` for each), in order.

    For a visitor who may share pages (shop.catalogue.cache.cacheable: anonymous, empty
    basket), each card is stored under the versions its product page has (the product's
    own, bumped by its price, stock, images, certificates, batches, reviews and a gift
    set's components; the catalogue's, bumped by a sync or a producer's change), Vietnam's
    date, the host and the language, with the CSRF token taken out and this visitor's put
    in. Others get every card rendered for them."""
    products = [p for p in products if p]
    request = context.get("request")
    if request is None or not products or not page_cache.cacheable(request):
        return [mark_safe(render_product(context, p)) for p in products]  # noqa: S308
    keys = page_cache.card_keys(request, [p.pk for p in products])
    stored = cache.get_many(list(keys.values()))
    token = str(context.get("csrf_token", ""))
    cards, fresh = [], {}
    for product in products:
        key = keys[product.pk]
        html = stored.get(key)
        if html is None:
            html = mark_safe(render_product(context, product))  # noqa: S308  (our template)
            fresh[key] = page_cache.CSRF_INPUT.sub(
                rf"\g<1>{page_cache.CSRF_PLACEHOLDER}\g<2>", html
            )
        else:
            html = mark_safe(html.replace(page_cache.CSRF_PLACEHOLDER, token))  # noqa: S308
        cards.append(html)
    if fresh:
        cache.set_many(fresh, page_cache.TIMEOUT)
    return cards

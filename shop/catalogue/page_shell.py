"""The product page rendered afresh after a price or stock change, from its stored shell.

A product page for anonymous visitors is stored whole (shop.catalogue.cache.serve_cached)
under the product's version, which every change bumps, an order or a producer's price edit
included. Most of the page shows neither the price nor the stock, so it is also stored as a
*shell*: the page with its offer parts (``{% offer_part %}`` in the template: the buy box,
the head's offer, the variants, the recommended cards) cut out, under the versions the rest
depends on (``cache.product_shell_key``). After an offer change only the offer parts are
rendered, from the same compiled template, and put back in.
"""

from __future__ import annotations

import re

from django.core.cache import cache
from django.template.context import make_context

from . import cache as page_cache
from .templatetags.product_page_tags import OfferPartNode, OfferSetupNode

OFFER_PART = re.compile(r"<!--offer:([\w-]+)-->.*?<!--/offer:\1-->", re.S)


def store(request, product, template_name: str, html: str) -> None:
    """Keep the shell of a whole page just rendered (with its offer parts marked)."""
    pieces = OFFER_PART.split(page_cache.shareable_page(html))
    if len(pieces) < 3:  # no offer part marked: nothing could be put back, keep nothing
        return
    key = page_cache.product_shell_key(request, product, template_name)
    cache.set(key, pieces, page_cache.TIMEOUT)


def render(request, product, template, context_data: dict) -> str | None:
    """The whole page for ``request`` from the stored shell of ``template`` (a backend
    template) with its offer parts rendered afresh from ``context_data``, with this
    visitor's CSRF token and basket count; None when no shell is stored."""
    compiled = template.template
    pieces = cache.get(page_cache.product_shell_key(request, product, compiled.name))
    if pieces is None:
        return None
    wanted = set(pieces[1::2])
    parts = {n.name: n for n in compiled.nodelist.get_nodes_by_type(OfferPartNode)}
    if not wanted <= parts.keys():  # the template changed under the shell
        return None
    context = make_context(context_data, request)
    rendered = {}
    with context.render_context.push_state(compiled), context.bind_template(compiled):
        for setup in compiled.nodelist.get_nodes_by_type(OfferSetupNode):
            setup.render(context)
        for name in wanted:
            rendered[name] = parts[name].render(context)
    html = "".join(rendered[piece] if i % 2 else piece for i, piece in enumerate(pieces))
    return page_cache.page_for(request, html)

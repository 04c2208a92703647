"""The basket line count in every page's header.

Oscar's middleware loads an anonymous visitor's basket lazily and applies every offer to it
on first use (the basket, its vouchers, the site offers and a count: four queries or more).
The header only needs the number of lines, which for an anonymous visitor is one COUNT on
the open basket its signed cookie names; and with that count put in on the way out, a
visitor with a basket can be served a stored page like any other (shop.catalogue.cache).
"""

from __future__ import annotations

from django.conf import settings
from django.core.signing import BadSignature, Signer
from oscar.core.loading import get_model

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")


def line_count(request) -> int:
    """The lines in ``request``'s open basket: what Oscar's ``request.basket.num_lines``
    says, without loading the basket for an anonymous visitor."""
    user = getattr(request, "user", None)
    if getattr(request, "_basket_cache", None) is not None or (user and user.is_authenticated):
        return request.basket.num_lines
    signed = request.COOKIES.get(settings.OSCAR_BASKET_COOKIE_OPEN)
    if not signed:
        return 0
    try:
        basket_id = int(Signer().unsign(signed))
    except (BadSignature, ValueError):
        return 0  # (Oscar's middleware deletes such a cookie when it loads the basket)
    return Line.objects.filter(
        basket_id=basket_id, basket__owner=None, basket__status=Basket.OPEN
    ).count()

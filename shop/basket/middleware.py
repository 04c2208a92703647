"""Oscar's basket middleware, applying the offers once a request.

Oscar counts the lines before it applies the offers (one query), and its basket page then
asks for the same offers again for its upsell messages (vouchers and site offers, two
more). Here the lines are loaded instead of counted (the same one query for an empty
basket, and the query applying the offers makes anyway for a full one), an empty basket
gets no offers, and the offers found are kept on the basket (``offers_found``) for the
basket page to reuse.
"""

from oscar.apps.basket import middleware as oscar_middleware
from oscar.core.loading import get_class

Applicator = get_class("offer.applicator", "Applicator")


class BasketMiddleware(oscar_middleware.BasketMiddleware):
    def apply_offers_to_basket(self, request, basket):
        if basket.id is None or not basket.all_lines():
            basket.offers_found = []
            return
        applicator = Applicator()
        basket.offers_found = applicator.get_offers(basket, request.user, request)
        applicator.apply_offers(basket, basket.offers_found)


def offers_found(basket, request):
    """The offers the middleware applied to ``basket``, or found afresh for any other one
    (a basket whose offers were reset since, or one the middleware never saw)."""
    found = getattr(basket, "offers_found", None)
    if found is None:
        found = Applicator().get_offers(basket, request.user, request)
    return found

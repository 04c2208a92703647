"""Gift cards (``gifts/_gift_card.html``: the gift listing, the home page's gifts): the
curated gift sets shoppers can buy today, loaded for their cards, and the cards stored as
product cards are (shop.catalogue.cards), under the versions THE rule's answer for them
depends on: a set's own, bumped by its components' stock, certificates and products too
(receivers.components_changed), the catalogue's and Vietnam's date."""

from __future__ import annotations

from django.db.models import Min, Prefetch
from oscar.core.loading import get_model

from shop.catalogue.cards import CardKind, first_cards, newest_cards, stored_cards_for

from . import corporate
from .models import GIFT_SET_CLASS, GiftComponent

Product = get_model("catalogue", "Product")


def gift_sets():
    """Curated gift sets shoppers can buy today, ready for cards (a flat number of queries)."""
    components = GiftComponent.objects.select_related("product").order_by("pk")
    return (
        corporate.sellable_gift_sets()
        .annotate(gift_price=Min("stockrecords__price"))
        .select_related("gift_set__curator_partner")
        .prefetch_related("images", Prefetch("gift_set__components", queryset=components))
        .order_by("-gift_set__created_at", "-pk")
    )


# gift_sets() loads all a gift card reads in its own queries.
GIFT_CARDS = CardKind("gift-card", fetch=lambda queryset: queryset, complete=lambda shown: None)


def featured_gift_sets(chosen: list[int], *, limit: int, request=None) -> list:
    """The first ``limit`` sellable ones of the ``chosen`` gift sets (editors' order), or of
    the newest when none are chosen (cards.newest_cards), for gift cards: for an anonymous
    ``request``, a set whose card is stored comes as that card and only the others go
    through THE rule (cards.first_cards)."""
    if limit <= 0:
        return []
    if chosen:
        with stored_cards_for(request):
            return first_cards(gift_sets, list(dict.fromkeys(chosen)), limit=limit, kind=GIFT_CARDS)
    newest = (
        Product.objects.browsable()
        .filter(product_class__slug=GIFT_SET_CLASS, gift_set__isnull=False)
        .order_by("-gift_set__created_at", "-pk")
    )
    return newest_cards(
        newest,
        gift_sets,
        limit=limit,
        everywhere=lambda: list(gift_sets()[:limit]),
        request=request,
        kind=GIFT_CARDS,
    )

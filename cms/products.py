"""Products as CMS pages show them: live from the shop, filtered by THE sellability rule.

Nothing here decides whether a product sells; ``shop.ocop.rules.sellable_products`` does.
These helpers only choose which products a page asks about and load them in a few queries
(the product card reads images, stock records, certificates and variants).
"""

from collections.abc import Iterable

from django.db.models import QuerySet
from oscar.core.loading import get_model

from shop.catalogue.cards import complete_cards, for_cards, newest_cards
from shop.ocop.rules import browsable_sellable, sellable_products


def _products() -> QuerySet:
    return get_model("catalogue", "Product").objects.browsable()


def sellable_by_id(ids: Iterable[int]) -> dict:
    """{pk: product} for those of ``ids`` shoppers can buy today, ready for product cards."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    found = for_cards(browsable_sellable().filter(pk__in=ids))
    return {product.pk: product for product in complete_cards(found)}


def sellable_in_order(ids: Iterable[int]) -> list:
    """The sellable ones of ``ids``, in the order given (editors' order), without repeats."""
    ids = list(dict.fromkeys(ids))
    found = sellable_by_id(ids)
    return [found[pk] for pk in ids if pk in found]


def newest_sellable(products: QuerySet, *, limit: int, request=None) -> list:
    """The ``limit`` newest of ``products`` that shoppers can buy today, ready for cards
    (cards.newest_cards: for an anonymous ``request``, a product whose card is stored comes
    as that card and only the others go through THE rule)."""
    newest = ("-date_created", "-pk")
    return newest_cards(
        products.order_by(*newest),
        # the window's ids are all browsable: the rule over browsable products decides
        browsable_sellable,
        limit=limit,
        everywhere=lambda: complete_cards(
            for_cards(sellable_products(products)).order_by(*newest)[:limit]
        ),
        request=request,
    )


def sellable_of_producers(producers, *, limit: int | None = None) -> list:
    """What ``producers`` (Partner instances or ids) sell today, newest first."""
    producer_ids = [getattr(p, "pk", p) for p in producers]
    if not producer_ids:
        return []
    StockRecord = get_model("partner", "StockRecord")
    ids: set[int] = set()
    for product_id, parent_id in StockRecord.objects.filter(
        partner_id__in=producer_ids
    ).values_list("product_id", "product__parent_id"):
        ids.add(parent_id or product_id)
    if not ids:
        return []
    found = for_cards(sellable_products(_products().filter(pk__in=ids))).order_by(
        "-date_created", "-pk"
    )
    return complete_cards(found[:limit] if limit else found)

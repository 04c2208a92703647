"""What a product card reads, loaded for a whole list in a fixed number of queries: the
catalogue, search, CMS blocks and the home page all show cards, and all load them here."""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, prefetch_related_objects
from oscar.core.loading import get_model

from shop.ocop.models import Certificate

Option = get_model("catalogue", "Option")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


def for_cards(queryset: QuerySet) -> QuerySet:
    """``queryset`` with what cards and THE rule read in the same query: the product class,
    a gift set with its curator (joined: nothing for other products) and Oscar's "has
    options" answer (the card's basket button asks) as annotations. The rest (stock
    records, images, certificates with their producer, batches) is loaded by
    ``complete_cards``, for these products and their gift sets' components at once."""
    return queryset.select_related("product_class", "gift_set__curator_partner").annotate(
        has_product_class_options=Exists(
            Option.objects.filter(productclass=OuterRef("product_class"))
        ),
        has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
    )


def complete_cards(products) -> list:
    """``products`` (fetched through ``for_cards``) as a list, with what their cards and THE
    rule read: stock records, images, certificates with their producer and batches; a
    parent's variants and their stock records (its "from" price); a gift set's curator and
    components, whose products (and their parents) get their stock records, certificates
    and batches in the same queries as the cards' own. A fixed number of queries however
    many there are; none when there are none."""
    from shop.gifts.models import GiftComponent, GiftSet
    from shop.ocop.rules import gift_kind

    products = list(products)
    if not products:
        return products
    parents = [p for p in products if p.is_parent]
    if parents:
        prefetch_related_objects(parents, "children__stockrecords")
    gifts = [p for p in products if gift_kind(p) == "gift_set"]
    parts = []
    if gifts:
        sets = []
        for gift in gifts:
            try:
                sets.append(gift.gift_set)  # joined by for_cards
            except GiftSet.DoesNotExist:
                continue
        prefetch_related_objects(
            sets,
            Prefetch(
                "components",
                queryset=GiftComponent.objects.select_related(
                    "product__product_class", "product__parent"
                ),
            ),
        )
        for gift_set in sets:
            for component in gift_set.components.all():
                parts.append(component.product)
                if component.product.parent_id:
                    parts.append(component.product.parent)
    prefetch_related_objects(
        products, Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk"))
    )
    prefetch_related_objects(
        [*products, *parts],
        Prefetch("stockrecords", queryset=StockRecord.objects.order_by("pk")),
        Prefetch("certificates", queryset=Certificate.objects.select_related("producer")),
        "batches",
    )
    return products


def root_categories() -> list:
    """The public top-level categories (the listing's group links), cached under the
    catalogue version: a category change bumps it, a product change does not."""
    from django.core.cache import cache

    from .cache import catalogue_version

    key = f"catalogue:root-categories:{catalogue_version()}"
    found = cache.get(key)
    if found is None:
        Category = get_model("catalogue", "Category")
        found = list(Category.objects.filter(depth=1, is_public=True).order_by("path"))
        cache.set(key, found, 60 * 60)
    return found


# --- Stored cards --------------------------------------------------------------------------


@dataclass(frozen=True)
class CardKind:
    """A kind of card a listing stores: the prefix of its keys (cache.card_keys), what its
    products are fetched with over THE rule's queryset, and what loads the rest its cards
    read, for the products shown only."""

    prefix: str
    fetch: Callable[[QuerySet], QuerySet]
    complete: Callable[[list], object]


PRODUCT_CARDS = CardKind("card", for_cards, complete_cards)

_store: ContextVar = ContextVar("card_store", default=None)


class StoredCard:
    """A product whose card for this visitor is stored (templatetags.card_tags): its card,
    rendered after THE rule said yes under the same versions, is all a listing shows of
    it, so nothing more of it is loaded."""

    __slots__ = ("pk", "html")

    def __init__(self, pk: int, html: str):
        self.pk, self.html = pk, html


@contextmanager
def stored_cards_for(request):
    """Within this block, ``load_cards`` hands out the stored cards of the products it is
    asked for instead of loading them (for an anonymous ``request``: cache.shares_parts)."""
    from .cache import shares_parts

    token = _store.set(request if request is not None and shares_parts(request) else None)
    try:
        yield
    finally:
        _store.reset(token)


def _stored(ids, kind: CardKind = PRODUCT_CARDS) -> dict:
    """{product id: its stored card's html} for the ``ids`` whose card of ``kind`` is
    stored for the visitor of ``stored_cards_for`` (none outside it)."""
    from django.core.cache import cache

    from .cache import card_keys

    request = _store.get()
    if request is None or not ids:
        return {}
    keys = card_keys(request, ids, prefix=kind.prefix)
    found = cache.get_many(list(keys.values()))
    return {pk: found[key] for pk, key in keys.items() if key in found}


def load_cards(sellable: QuerySet, ids: list[int]) -> list:
    """The products of ``ids`` that ``sellable`` (a queryset through THE rule) holds, in
    that order, loaded for cards.

    Inside ``stored_cards_for``, a product whose card is stored comes as ``StoredCard``
    and only the others go through THE rule's query. A card is stored only once the rule
    said yes, under the key of the product's version, the catalogue version and Vietnam's
    date (cache.card_keys), and everything the rule reads bumps one of them when it changes
    (a certificate, a stock record, a batch, a gift set's components, a box type, a sync)
    or runs out at midnight: the same guarantee a stored page is served on."""
    return _load(lambda: sellable, ids, _stored(ids))


def first_cards(
    sellable: Callable[[], QuerySet],
    ids: list[int],
    *,
    limit: int,
    kind: CardKind = PRODUCT_CARDS,
) -> list:
    """The first ``limit`` of what ``load_cards(sellable(), ids)`` gives (cards of
    ``kind``), asking THE rule about few products: those without a stored card among the
    first ids that can make ``limit`` cards (up to the ``limit``-th stored one, and no
    further than half as many again as ``limit``: a stored card sells, the others may
    not); only when fewer of those sell, about all of ``ids``. ``sellable`` is called only
    when there are such products (building the rule's query costs milliseconds of Python).
    """
    stored = _stored(ids, kind)
    prefix, seen = [], 0
    for pk in ids:
        prefix.append(pk)
        seen += pk in stored
        if seen >= limit or len(prefix) >= limit + limit // 2:
            break
    found = _load(sellable, prefix, stored, limit=limit, kind=kind)
    if len(found) < limit and len(prefix) < len(ids):
        found = _load(sellable, ids, stored, limit=limit, kind=kind)
    return found


def newest_cards(
    candidates: QuerySet,
    sellable: Callable[[], QuerySet],
    *,
    limit: int,
    everywhere: Callable[[], list],
    request=None,
    kind: CardKind = PRODUCT_CARDS,
) -> list:
    """The first ``limit`` of ``candidates`` (ordered, newest first) that ``sellable`` (THE
    rule's queryset, over products like them) holds, as ``first_cards`` loads cards of
    ``kind`` for an anonymous ``request``: among the ``4 * limit`` first (their ids, one
    cheap query). Asked about all of them under a LIMIT, PostgreSQL builds the rule's checks
    over every stock record and certificate first (90 ms at 20,000 products). When the
    window holds ``limit`` that sell they are the first of all; otherwise, and only if
    there are more candidates than the window, ``everywhere()`` gives them."""
    if limit <= 0:
        return []
    window = list(candidates.values_list("pk", flat=True)[: limit * 4])
    with stored_cards_for(request):
        found = first_cards(sellable, window, limit=limit, kind=kind)
    if len(found) < limit and len(window) == limit * 4:
        found = everywhere()
    return found


def _load(
    sellable: Callable[[], QuerySet],
    ids: list[int],
    stored: dict,
    *,
    limit: int | None = None,
    kind: CardKind = PRODUCT_CARDS,
) -> list:
    """``ids`` in order (the first ``limit`` of them that sell): the ``stored`` as
    ``StoredCard``, the others through THE rule (``sellable()``; they have no stored card:
    not looked up again), and of those only the ones shown loaded for cards."""
    missing = [i for i in ids if i not in stored]
    found = list(kind.fetch(sellable().filter(pk__in=missing))) if missing else []
    by_id = {p.pk: p for p in found}
    by_id.update((pk, StoredCard(pk, html)) for pk, html in stored.items())
    shown = [by_id[i] for i in ids if i in by_id][:limit]
    kind.complete([p for p in shown if not isinstance(p, StoredCard)])
    return shown


def cards_of(sellable: QuerySet, *, limit: int) -> list:
    """The first ``limit`` products of ``sellable`` (through THE rule, in the caller's
    order), loaded for cards as ``load_cards`` loads them, with no list of ids first."""
    return _loaded(for_cards(sellable)[:limit])


def _loaded(products) -> list:
    products = list(products)  # THE rule's query, as always
    # Only the products without a stored card get the rest.
    stored = _stored([p.pk for p in products])
    complete_cards([p for p in products if p.pk not in stored])
    return [StoredCard(p.pk, stored[p.pk]) if p.pk in stored else p for p in products]

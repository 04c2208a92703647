"""The one product search service. Every listing a shopper sees comes from here, and
everything it returns is sellable today (shop.ocop.rules), whichever backend answered.

``search(query, offset=, limit=)`` returns a ``SearchResult``: the page of products (ready
for product cards, in a fixed number of queries), the total, the facet counts and the typo
corrections made. The backend is the database unless ``ELASTICSEARCH_URL`` is set
(``search.backends``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop import addresses
from shop.catalogue.cards import load_cards
from shop.ocop.models import ProductGroup
from shop.ocop.rules import browsable_sellable, today
from shop.text import fold, nfc, search_key

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")

SORTS = ("relevance", "price-asc", "price-desc", "stars", "rating", "newest", "title")
MAX_WORDS = 8

#: key -> (label, lowest price included, highest price excluded)
PRICE_BANDS: dict[str, tuple[str, Decimal | None, Decimal | None]] = {
    "lt100": (_("Dưới 100.000 ₫"), None, Decimal(100_000)),
    "100-300": (_("100.000 – 300.000 ₫"), Decimal(100_000), Decimal(300_000)),
    "300-500": (_("300.000 – 500.000 ₫"), Decimal(300_000), Decimal(500_000)),
    "gte500": (_("Từ 500.000 ₫"), Decimal(500_000), None),
}
FACETS = ("group", "stars", "province", "producer", "price", "in_stock")
FACET_LABELS = {
    "group": _("Nhóm OCOP"),
    "stars": _("Hạng sao"),
    "province": _("Tỉnh/thành"),
    "producer": _("Nhà sản xuất"),
    "price": _("Khoảng giá"),
    "in_stock": _("Tình trạng"),
}
MAX_FACET_VALUES = 12


def price_band_of(price: Decimal | None) -> str | None:
    if price is None:
        return None
    for key, (_label, low, high) in PRICE_BANDS.items():
        if (low is None or price >= low) and (high is None or price < high):
            return key
    return None


@dataclass(frozen=True)
class ProductQuery:
    q: str = ""
    category: object | None = None
    sort: str = "relevance"
    groups: tuple[str, ...] = ()
    stars: tuple[int, ...] = ()
    provinces: tuple[str, ...] = ()  # today's province codes
    producers: tuple[int, ...] = ()
    price: str = ""  # a PRICE_BANDS key
    in_stock: bool = False

    @property
    def words(self) -> list[str]:
        """The query folded into words: NFC and NFD, with or without accents, alike."""
        return terms(self.q)

    @property
    def exact_phrase(self) -> str:
        return " ".join(re.sub(r"[^\w]+", " ", nfc(self.q).lower()).split()[:MAX_WORDS])

    def without(self, facet: str) -> ProductQuery:
        empty = {
            "group": {"groups": ()},
            "stars": {"stars": ()},
            "province": {"provinces": ()},
            "producer": {"producers": ()},
            "price": {"price": ""},
            "in_stock": {"in_stock": False},
        }[facet]
        return replace(self, **empty)

    def selected(self, facet: str) -> set[str]:
        return {
            "group": set(self.groups),
            "stars": {str(s) for s in self.stars},
            "province": set(self.provinces),
            "producer": {str(p) for p in self.producers},
            "price": {self.price} if self.price else set(),
            "in_stock": {"1"} if self.in_stock else set(),
        }[facet]


def terms(q: str, *, spelling: bool = True) -> list[str]:
    """The words of ``q`` folded (``shop.text.fold``); with ``spelling``, also in the one
    spelling the search documents use for syllables written with i or y
    (``shop.text.search_key``: "mỳ", "mì", "my" → "mi")."""
    normalised = unicodedata.normalize("NFC", q or "")
    folded = search_key(normalised) if spelling else fold(normalised)
    words = ["".join(ch for ch in w if ch.isalnum()) for w in folded.split()]
    return [w for w in words if w][:MAX_WORDS]


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)


@dataclass
class SearchResult:
    products: list
    total: int
    facets: dict[str, Facet]
    corrections: dict[str, str] = field(default_factory=dict)
    ids: list[int] = field(default_factory=list)
    #: a better query to offer ("Có phải bạn muốn tìm …") when few products matched
    did_you_mean: str = ""


def facet_labels(name: str, values: list[str]) -> dict[str, str]:
    """Labels for facet values, in at most one query."""
    Partner = get_model("partner", "Partner")
    if name == "group":
        return {v: str(ProductGroup(v).label) if v in ProductGroup else v for v in values}
    if name == "stars":
        return {v: str(_("%(n)s sao") % {"n": v}) for v in values}
    if name == "price":
        return {v: str(PRICE_BANDS[v][0]) for v in values}
    if name == "in_stock":
        return {v: str(_("Còn hàng")) for v in values}
    if not values:
        return {}
    if name == "province":  # today's 34 units, from vietnam-provinces' data: no query
        pairs = [(v, getattr(addresses.province(v), "name", "")) for v in values]
        return {v: label or v for v, label in pairs}
    else:
        pairs = Partner.objects.filter(pk__in=[int(v) for v in values]).values_list("pk", "name")
    labels = {str(k): label for k, label in pairs.distinct() if label}
    return {v: labels.get(v, v) for v in values}


def facet_and_filter(
    rows: list[tuple], query: ProductQuery, *, start: int = 0
) -> tuple[dict[str, Facet], list]:
    """Disjunctive facet counts (each facet counted under every other facet's filter) and the
    rows passing every filter, in one pass. ``row[start:start + len(FACETS)]`` are the
    row's facet values in FACETS order (text, None: no value): the group, the stars, today's
    province code, the producer id, the PRICE_BANDS key, "1" when in stock."""
    wanted = [query.selected(name) for name in FACETS]
    active = [i for i, w in enumerate(wanted) if w]
    counts: list[dict[str, int]] = [{} for _ in FACETS]
    if not active:  # nothing selected: every row stays, plain counts per column
        kept = list(rows)
        if rows:
            columns = list(zip(*rows, strict=True))[start : start + len(FACETS)]
            for i, column in enumerate(columns):
                counts[i] = Counter(column)
                counts[i].pop(None, None)
    else:
        kept = []
        positions = [start + i for i in active]
        everything = range(start, start + len(FACETS))
        for row in rows:
            failing = -1
            misses = 0
            for i, at in zip(active, positions, strict=True):
                if row[at] not in wanted[i]:
                    misses += 1
                    failing = at
                    if misses > 1:
                        break
            if misses > 1:
                continue
            if misses == 0:
                kept.append(row)
            for at in everything if misses == 0 else (failing,):
                value = row[at]
                if value is not None:
                    bucket = counts[at - start]
                    bucket[value] = bucket.get(value, 0) + 1
    return build_facets(counts, query), kept


def build_facets(counts: list[dict[str, int]], query: ProductQuery) -> dict[str, Facet]:
    """Facets from the counts per value of each facet (FACETS order), labelled and ordered."""
    facets = {}
    for i, name in enumerate(FACETS):
        selected = query.selected(name)
        ordered = sorted(counts[i].items(), key=lambda kv: -kv[1])
        if name not in ("price", "stars"):
            ordered = ordered[:MAX_FACET_VALUES] + [
                kv for kv in ordered[MAX_FACET_VALUES:] if kv[0] in selected
            ]
        labels = facet_labels(name, [v for v, _n in ordered])
        values = [
            FacetValue(value=v, label=labels[v], count=n, selected=v in selected)
            for v, n in ordered
        ]
        if name == "price":
            order = list(PRICE_BANDS)
            values.sort(key=lambda fv: order.index(fv.value))
        elif name == "stars":
            values.sort(key=lambda fv: -int(fv.value))
        else:
            values.sort(key=lambda fv: (-fv.count, fv.label))
        facets[name] = Facet(name=name, label=str(FACET_LABELS[name]), values=values)
    return facets


def hydrate(ids: list[int]) -> list:
    """The products of ``ids`` in that order, for product cards, and only those sellable
    today: whatever an index says, the rule decides at the last moment. Within
    ``shop.catalogue.cards.stored_cards_for`` (the listings), a product whose card is
    stored comes as that card."""
    if not ids:
        return []
    return load_cards(browsable_sellable(on=today()), ids)


def get_backend():
    from .backends import database, elastic

    if getattr(settings, "ELASTICSEARCH_URL", ""):
        return elastic.ElasticsearchBackend()
    return database.DatabaseBackend()


def search(query: ProductQuery, *, offset: int = 0, limit: int = 24) -> SearchResult:
    """A page of products with facets. Results are cached (search.cache: keyed by the
    query, the versions of the search documents and the catalogue, and today's date); the
    page's products are loaded and checked with THE rule on every call."""
    from django.core.cache import cache

    from . import cache as search_cache

    backend = get_backend()
    key = search_cache.result_key(backend.name, query, offset=offset, limit=limit)
    cached = cache.get(key)
    if cached is not None:
        ids, total, facets, corrections, did_you_mean = cached
        return SearchResult(
            products=hydrate(ids),
            total=total,
            facets=facets,
            corrections=corrections,
            ids=ids,
            did_you_mean=did_you_mean,
        )
    result = backend.search(query, offset=offset, limit=limit)
    cache.set(
        key,
        (result.ids, result.total, result.facets, result.corrections, result.did_you_mean),
        search_cache.TIMEOUT,
    )
    return result


def suggest(q: str, *, limit: int = 6) -> dict:
    return get_backend().suggest(q, limit=limit)

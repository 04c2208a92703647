"""Cached search results.

A result (the page's product ids, the total, the facets, the typo corrections) is cached
under a key made of the query, the page, the language, the search version, the catalogue
version (shop.catalogue.cache) and today's date in Vietnam. The search version is bumped
whenever the documents or their sellable flags change: a product, stock record, price,
producer or certificate saved, a registry sync (shop.signals.catalogue_changed), the daily
recomputation. The date changes at local midnight, when certificates lapse. And the products
put on screen are loaded and checked with THE rule on every request (service.hydrate), so
even a cached result never shows a product that cannot be sold.

A result holds no price (the cards show it, loaded or stored per product version), so a
reindex that moved only prices, each within its price band, bumps the price version alone
(``bump(prices_only=True)``, documents_db.reindex): results sorted by price are dropped,
the others (their matches, order, facets and total unchanged) are kept.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.utils import translation

from shop.catalogue.cache import CATALOGUE_VERSION_KEY, bump_version
from shop.ocop.rules import today

VERSION_KEY = "search:version"
PRICE_VERSION_KEY = "search:price-version"
TIMEOUT = 10 * 60  # a backstop; correctness comes from the versions and the date


def bump(*, prices_only: bool = False) -> None:
    # the catalogue's own increment-or-start, on the search version's key
    bump_version(PRICE_VERSION_KEY if prices_only else VERSION_KEY)


def result_key(backend: str, query, *, offset: int, limit: int) -> str:
    versions = cache.get_many([VERSION_KEY, CATALOGUE_VERSION_KEY, PRICE_VERSION_KEY])
    category = getattr(query.category, "pk", None)
    parts = [
        backend,
        query.q,
        str(category),
        query.sort,
        ",".join(query.groups),
        ",".join(str(s) for s in query.stars),
        ",".join(query.provinces),
        ",".join(str(p) for p in query.producers),
        query.price,
        "1" if query.in_stock else "",
        str(offset),
        str(limit),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return ":".join(
        [
            "search:result",
            str(versions.get(VERSION_KEY, 0)),
            str(versions.get(PRICE_VERSION_KEY, 0)) if query.sort.startswith("price") else "",
            str(versions.get(CATALOGUE_VERSION_KEY, 0)),
            today().isoformat(),
            translation.get_language() or "",
            digest,
        ]
    )


def producers_key(words, *, limit: int) -> str:
    """The key of the producers a query names (search.dead_ends.producers)."""
    versions = cache.get_many([VERSION_KEY, CATALOGUE_VERSION_KEY])
    digest = hashlib.sha256(f"{limit}\x1f{' '.join(words)}".encode()).hexdigest()[:32]
    return ":".join(
        [
            "search:producers",
            str(versions.get(VERSION_KEY, 0)),
            str(versions.get(CATALOGUE_VERSION_KEY, 0)),
            today().isoformat(),
            translation.get_language() or "",
            digest,
        ]
    )

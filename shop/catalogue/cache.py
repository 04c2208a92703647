"""Cache of shopper-facing product pages.

A cached page is keyed by the product's version, the catalogue-wide version and today's
date in Vietnam. Saving a product, its stock record (price, stock), its images or one of its
certificates bumps the product's version; a bulk change (a registry sync) bumps the
catalogue version; and the date in the key changes at local midnight, which is exactly
when certificates run out. So a page is never served stale past any of those events.
"""

from __future__ import annotations

from django.core.cache import cache

from shop.ocop.rules import today

CATALOGUE_VERSION_KEY = "catalogue:version"
TIMEOUT = 60 * 60  # a backstop; correctness comes from the versions


def _product_key(product_id: int) -> str:
    return f"catalogue:product:{product_id}:version"


def product_version(product_id: int) -> int:
    return cache.get(_product_key(product_id), 0)


def catalogue_version() -> int:
    return cache.get(CATALOGUE_VERSION_KEY, 0)


def bump_version(key: str) -> None:
    """Increment the cache version under ``key`` (start it at 1 when missing).

    ``add`` creates the key only if it is absent (SET NX on Redis) and ``incr`` is atomic,
    so concurrent bumps from several processes are never lost; a plain get-then-set would
    let two first bumps both write 1."""
    cache.add(key, 0, None)
    try:
        cache.incr(key)
    except ValueError:  # evicted between the two calls
        cache.add(key, 1, None)


def invalidate_products(product_ids) -> None:
    for product_id in {pid for pid in product_ids if pid}:
        bump_version(_product_key(product_id))


def invalidate_catalogue() -> None:
    bump_version(CATALOGUE_VERSION_KEY)


def page_key(*, product_id: int, path: str, language: str) -> str:
    versions = cache.get_many([_product_key(product_id), CATALOGUE_VERSION_KEY])
    return ":".join(
        [
            "catalogue:page",
            str(product_id),
            str(versions.get(_product_key(product_id), 0)),
            str(versions.get(CATALOGUE_VERSION_KEY, 0)),
            today().isoformat(),
            language,
            path,
        ]
    )

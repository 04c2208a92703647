"""Cache of shopper-facing product pages.

A cached page is keyed by the product's version, the catalogue-wide version and today's
date in Vietnam. Saving a product, its stock record (price, stock), its images or one of its
certificates bumps the product's version; a bulk change (a registry sync) bumps the
catalogue version; and the date in the key changes at local midnight, which is exactly
when certificates run out. So a page is never served stale past any of those events.
"""

from __future__ import annotations

import hashlib
import re

from django.core.cache import cache
from django.db import transaction

from shop.ocop.rules import today

CATALOGUE_VERSION_KEY = "catalogue:version"
# Bumped by every product change too: pages listing products (catalogue, categories,
# search, gift listings, CMS pages with product blocks) depend on all of them.
LISTING_VERSION_KEY = "catalogue:listing:version"
# Bumped when CMS content (pages, snippets, images, settings) changes (cms.receivers).
CONTENT_VERSION_KEY = "content:version"
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


def _now_and_after_commit(bump) -> None:
    """Bump at once, and again when the transaction commits: a page another process
    renders between the change and the commit (still seeing the old rows) is stored under
    the first new version, which the second bump retires."""
    bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump)


def _content_key(product_id: int) -> str:
    return f"catalogue:product:{product_id}:content"


def invalidate_products(product_ids) -> None:
    """Anything about these products changed: their pages, cards, listings and the stored
    parts of their pages (``product_fragment_key``)."""
    _bump_products(product_ids, content=True)


def invalidate_offers(product_ids) -> None:
    """Only their price or stock changed (a stock record saved: a producer's edit, an order
    placed): their pages, cards and listings, but not the stored parts of their pages,
    which show neither (the gallery, the description, the facts, the origin, the reviews)."""
    _bump_products(product_ids, content=False)


def _bump_products(product_ids, *, content: bool) -> None:
    ids = sorted({int(pid) for pid in product_ids if pid})
    if not ids:
        return
    # A product page lists the products it recommends ("Có thể bạn cũng thích", only the
    # sellable ones): theirs changing changes it too (its page, not its stored parts).
    recommending = sorted(_recommending(ids) - set(ids))

    def bump():
        for product_id in ids:
            bump_version(_product_key(product_id))
            if content:
                bump_version(_content_key(product_id))
        for product_id in recommending:
            bump_version(_product_key(product_id))
        bump_version(LISTING_VERSION_KEY)

    _now_and_after_commit(bump)


def _recommending(ids: list[int]) -> set[int]:
    """The products whose pages recommend any of ``ids`` (Oscar's recommendations)."""
    from oscar.core.loading import get_model

    Recommendation = get_model("catalogue", "ProductRecommendation")
    found: set[int] = set()
    for start in range(0, len(ids), 500):  # a registry sync may name thousands
        found.update(
            Recommendation.objects.filter(
                recommendation_id__in=ids[start : start + 500]
            ).values_list("primary_id", flat=True)
        )
    return found


def invalidate_catalogue() -> None:
    _now_and_after_commit(lambda: bump_version(CATALOGUE_VERSION_KEY))


def invalidate_content() -> None:
    _now_and_after_commit(lambda: bump_version(CONTENT_VERSION_KEY))


# --- Whole anonymous pages ------------------------------------------------------------------

CSRF_PLACEHOLDER = "__CSRF_TOKEN_PLACEHOLDER__"
# Every masked token Django rendered into a form; each visitor gets its own on the way out.
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')


def without_csrf_tokens(html: str) -> str:
    """``html`` to share: every CSRF token in its forms replaced by the placeholder."""
    return CSRF_INPUT.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", html)


def with_csrf_token(html: str, token: str) -> str:
    """Shared ``html`` with one visitor's ``token`` put back in its forms."""
    return html.replace(CSRF_PLACEHOLDER, token)


BASKET_PLACEHOLDER = "__BASKET_LINE_COUNT__"
# The header's basket line count (templates/base.html), each visitor's own on the way out.
BASKET_COUNT = re.compile(r"(data-basket-count>)\d+")


def shareable_page(html: str) -> str:
    """A whole page to share: its CSRF tokens and its header's basket count taken out."""
    return BASKET_COUNT.sub(rf"\g<1>{BASKET_PLACEHOLDER}", without_csrf_tokens(html), count=1)


def page_for(request, html: str) -> str:
    """A shared page with ``request``'s CSRF token and basket line count put in."""
    from django.middleware.csrf import get_token

    from shop.basket.header import line_count

    html = with_csrf_token(html, get_token(request))
    if BASKET_PLACEHOLDER in html:
        html = html.replace(BASKET_PLACEHOLDER, str(line_count(request)), 1)
    return html


# Cookies a page may set and still be shared: the CSRF cookie (each hit gets its own token)
# and Oscar's recently-viewed list, which no page shows.
SHAREABLE_COOKIES = {"csrftoken", "oscar_history"}


def cacheable(request) -> bool:
    """Anonymous GETs with no pending message: every such visitor sees the same page but
    for the CSRF token and the header's basket line count, put in fresh for each
    (``page_for``)."""
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and not request.COOKIES.get("messages")
    )


def shares_parts(request) -> bool:
    """Any anonymous visitor, with a basket or a pending message or not: the parts of a
    page that hold nothing of the visitor's (a product card, a CMS page's route) are the
    same for all of them, though their whole pages are not (the header counts the basket's
    lines, a message shows once)."""
    user = getattr(request, "user", None)
    return user is not None and not user.is_authenticated


def anonymous_page_key(request, *, scope: str, product_id: int | None = None) -> str:
    """The key of ``request``'s page: the versions it depends on, Vietnam's date (pages
    stop offering what runs out at midnight), the language, the path and the query."""
    from django.utils.translation import get_language

    names = [CATALOGUE_VERSION_KEY, CONTENT_VERSION_KEY]
    # A product's page depends on that product; any other page may list any product.
    names.append(_product_key(product_id) if product_id is not None else LISTING_VERSION_KEY)
    versions = cache.get_many(names)
    query = "&".join(sorted(request.GET.urlencode().split("&"))) if request.GET else ""
    digest = hashlib.sha1(  # noqa: S324  (a cache key, not security)
        f"{request.get_host()}{request.path}?{query}".encode()  # a Wagtail site per host
    ).hexdigest()
    return ":".join(
        [
            "page",
            scope,
            *(str(versions.get(name, 0)) for name in names),
            today().isoformat(),
            get_language() or "",
            digest,
        ]
    )


def card_keys(request, product_ids, *, prefix: str = "card") -> dict[int, str]:
    """{product id: the key of its card for ``request``}, under ``prefix`` ("card": a
    product card, templatetags.card_tags; "gift-card": shop.gifts.templatetags.gift_tags),
    with every version read in one round trip."""
    from django.utils.translation import get_language

    names = [CATALOGUE_VERSION_KEY, *(_product_key(pk) for pk in product_ids)]
    versions = cache.get_many(names)
    where = f"{request.get_host()}:{get_language() or ''}:{today().isoformat()}"
    catalogue = versions.get(CATALOGUE_VERSION_KEY, 0)
    return {
        pk: f"{prefix}:{catalogue}:{versions.get(_product_key(pk), 0)}:{pk}:{where}"
        for pk in product_ids
    }


def product_fragment_key(request, product, name: str) -> str:
    """A stored part of ``product``'s page that shows neither its price nor its stock: under
    the content version of the product (and of its parent, for a variant) and the
    catalogue version, with Vietnam's date (batches and certificates run out), the host,
    the scheme and the language."""
    names = _product_content_names(product)
    return f"product-part:{_versions_once(request, names)}:{product.pk}:{name}:{_where(request)}"


def product_shell_key(request, product, template_name: str) -> str:
    """The shell of ``product``'s page (shop.catalogue.page_shell): as its stored parts, and
    under the CMS version (the header's and footer's settings) and the path too."""
    names = [CONTENT_VERSION_KEY, *_product_content_names(product)]
    digest = hashlib.sha1(request.path.encode()).hexdigest()  # noqa: S324  (a cache key)
    return (
        f"product-shell:{_versions_once(request, names)}:{product.pk}:{template_name}:"
        f"{_where(request)}:{digest}"
    )


def _product_content_names(product) -> list[str]:
    names = [CATALOGUE_VERSION_KEY, _content_key(product.pk)]
    if product.parent_id:
        names.append(_content_key(product.parent_id))
    return names


def _where(request) -> str:
    from django.utils.translation import get_language

    return f"{request.scheme}:{request.get_host()}:{get_language() or ''}:{today().isoformat()}"


def _stored_product_key(request, product_id: int) -> str:
    names = [CATALOGUE_VERSION_KEY, _content_key(product_id)]
    return f"product-loaded:{_versions_once(request, names)}:{product_id}:{today().isoformat()}"


def keep_product(request, product) -> None:
    """Store a plain product as its page loaded it (its row, class, photos, certificates with
    their producers, batches, and the page's annotations) but for its stock records: under
    its content version and the catalogue version, which every change to those bumps, and
    Vietnam's date. A price or stock change leaves it, and the page rendered afresh after
    one loads only the stock records (``stored_product``)."""
    loaded = product._prefetched_objects_cache
    offers = loaded.pop("stockrecords", None)
    try:
        cache.set(_stored_product_key(request, product.pk), product, TIMEOUT)
    finally:
        if offers is not None:
            loaded["stockrecords"] = offers


def stored_product(request, product_id: int):
    """The product ``keep_product`` stored, without its stock records, or None."""
    return cache.get(_stored_product_key(request, product_id))


def shared_fragment_key(request, name: str) -> str:
    """A part of every page that holds nothing of the visitor's nor of the page's (the
    menu, the footer): under the catalogue version (categories, producers) and the content
    version (CMS pages, settings), with the scheme, the host (a Wagtail site per host) and
    the language."""
    from django.utils.translation import get_language

    version = _versions_once(request, [CATALOGUE_VERSION_KEY, CONTENT_VERSION_KEY])
    where = f"{request.scheme}:{request.get_host()}:{get_language() or ''}"
    return f"shared-part:{version}:{name}:{where}"


def _versions_once(request, names: list[str]) -> str:
    """The versions under ``names``, read once a request (a page's stored parts share
    them)."""
    memo = request.__dict__.setdefault("_part_versions", {})
    key = tuple(names)
    if key not in memo:
        versions = cache.get_many(names)
        memo[key] = ".".join(str(versions.get(n, 0)) for n in names)
    return memo[key]


def serve_cached(request, render, *, scope: str, product_id: int | None = None):
    """``render()``'s response, from the cache when ``request`` may share it.

    Only complete 200 HTML responses are stored, with their CSRF tokens and basket count
    replaced by placeholders; a hit is served with this visitor's own (``page_for``) and
    ``X-Page-Cache: hit``.
    """
    if not cacheable(request):
        return render()
    key = anonymous_page_key(request, scope=scope, product_id=product_id)
    hit = _hit(request, key)
    if hit is not None:
        return hit
    response = render()
    if response.status_code != 200 or getattr(response, "streaming", False):
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    personal = set(response.cookies) - SHAREABLE_COOKIES
    if personal or not response.get("Content-Type", "").startswith("text/html"):
        return response  # it set something personal (a cookie), or is not a page
    cache.set(key, shareable_page(response.content.decode()), TIMEOUT)
    return response


def cached_page(request, *, scope: str, product_id: int | None = None):
    """The stored page for ``request`` (as ``serve_cached`` would serve it), or None: for a
    view that can answer a hit before doing its own work (Wagtail's routing, for one)."""
    if not cacheable(request):
        return None
    return _hit(request, anonymous_page_key(request, scope=scope, product_id=product_id))


def _hit(request, key):
    from django.http import HttpResponse

    html = cache.get(key)
    if html is None:
        return None
    response = HttpResponse(page_for(request, html))
    response["Vary"] = "Cookie, Accept-Language"
    response["X-Page-Cache"] = "hit"
    return response

"""robots.txt, sitemap.xml, the calendar of every fair, and the front of Wagtail's serve view
(wired in config/urls.py)."""

import hashlib

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.views import serve as wagtail_serve
from wagtail.views import serve_chain
from wagtail.wagtail_hooks import check_view_restrictions

from shop.catalogue import cache as page_cache

from .models import passed_a_restriction
from .sitemaps import sitemaps

# Shoppers' private pages and staff tools stay out of search engines.
DISALLOW = [
    "/cms/",
    "/django-admin/",
    "/dashboard/",
    "/shop/basket/",
    "/shop/checkout/",
    "/shop/accounts/",
    "/shop/search/",
]


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOW), ""]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def sitemap_xml(request):
    return django_sitemap(request, sitemaps=sitemaps())


@require_GET
def calendar_ics(request):
    """Every live fair of the request's site, as one iCalendar feed to subscribe to."""
    from wagtail.models import Site

    from .models import FairPage, _ics_response

    site = Site.find_for_request(request)
    fairs = FairPage.objects.live().public()
    if site is not None:
        fairs = fairs.descendant_of(site.root_page, inclusive=True)
    fairs = fairs.order_by("start_date", "pk")
    return _ics_response(fairs, request=request, filename="lich-su-kien-cho-ocop.ics")


def serve(request, path):
    """A stored CMS page for an anonymous visitor straight from the cache, before Wagtail's
    routing (site, locale, page tree, view restrictions: five queries); on a miss, a route
    remembered for a public page skips that routing too; anything else goes to Wagtail.
    Only pages served to visitors without an unlocked restriction are stored or have their
    route remembered (cms.models.SeoMixin.serve), so what is answered here is public."""
    if request.method == "GET" and not passed_a_restriction(request):
        hit = page_cache.cached_page(request, scope="cms")
        if hit is not None:
            return hit
        known = known_route(request)
        if known is not None:
            return serve_public(request, *known)
    return wagtail_serve(request, path)


def _route_key(request) -> str:
    version = cache.get(page_cache.CONTENT_VERSION_KEY, 0)
    where = f"{request.get_host()}|{get_language()}|{request.path_info}"
    return f"cms:route2:{version}:{hashlib.sha1(where.encode()).hexdigest()}"  # noqa: S324


def remember_route(request, page, subpath: str | None = None) -> None:
    """Called by a page served to an anonymous visitor who unlocked no restriction (so the
    page is public): its site and page for this host, language and path, under the content
    version, which any page, view restriction, site or locale change bumps (cms.signals);
    for a routable page, also the subpage path its view was resolved from. Not again for a
    page served from that memo."""
    site = getattr(request, "_wagtail_site", None)
    if site is None or getattr(request, "_cms_route_known", False):
        return
    if not page_cache.shares_parts(request):
        return
    cache.set(_route_key(request), (site, page, subpath), page_cache.TIMEOUT)


def known_route(request):
    """(site, page, subpath) remembered for this request's host, language and path, or
    None."""
    if not page_cache.shares_parts(request):
        return None
    try:
        return cache.get(_route_key(request))
    except Exception:  # noqa: BLE001  (e.g. a page pickled by an older release: route again)
        return None


def serve_public(request, site, page, subpath=None):
    """Wagtail's serve for a route known to lead to a public page: no routing (site, locale,
    page tree) and no view-restriction lookup, there being none under this content version.
    A routable page's subpage is resolved again from its path (no query). Every other hook
    still runs."""
    args = []
    if subpath is not None:
        match = page.resolve_subpage(subpath)
        request.routable_resolver_match = match
        args = [match.func, match.args, match.kwargs]
    request._wagtail_site = site
    request._wagtail_route_for_request = (page, args, {})
    request._cms_route_known = True
    chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if fn is not check_view_restrictions:
            chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, {})
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, {})

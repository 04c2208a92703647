"""robots.txt, sitemap.xml, the calendar of every fair, and the front of Wagtail's serve view
(wired in config/urls.py)."""

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpResponse
from django.views.decorators.http import require_GET
from wagtail.views import serve as wagtail_serve

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
    routing (site, locale, page tree, view restrictions: five queries); anything else goes
    to Wagtail. Only pages served to visitors without an unlocked restriction are stored
    (cms.models.SeoMixin.serve), so what is answered here is public."""
    if request.method == "GET" and not passed_a_restriction(request):
        hit = page_cache.cached_page(request, scope="cms")
        if hit is not None:
            return hit
    return wagtail_serve(request, path)

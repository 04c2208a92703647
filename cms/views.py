"""robots.txt, sitemap.xml and the calendar of every fair (wired in config/urls.py)."""

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpResponse
from django.views.decorators.http import require_GET

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

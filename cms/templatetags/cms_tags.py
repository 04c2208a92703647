"""Small template helpers for the CMS pages (maps, dates, Open Graph)."""

import hashlib
from decimal import Decimal

from django import template
from django.core.cache import cache
from django.utils.http import urlencode
from django.utils.translation import get_language

from shop.catalogue import cache as page_cache
from shop.ocop.rules import today
from shop.templating import parse_block

register = template.Library()


def _coord(value) -> str:
    return format(Decimal(str(value)).normalize(), "f")


@register.simple_tag
def osm_url(latitude, longitude, zoom: int = 15) -> str:
    """An OpenStreetMap link with a marker (no tiles or scripts are loaded by our pages)."""
    if latitude is None or longitude is None:
        return ""
    lat, lng = _coord(latitude), _coord(longitude)
    query = urlencode({"mlat": lat, "mlon": lng})
    return f"https://www.openstreetmap.org/?{query}#map={int(zoom)}/{lat}/{lng}"


@register.simple_tag
def coords(latitude, longitude) -> str:
    """21.028511, 105.804817 (dots, whatever the language's number format)."""
    if latitude is None or longitude is None:
        return ""
    return f"{_coord(latitude)}, {_coord(longitude)}"


@register.simple_tag
def date_range(start, end) -> str:
    """12–15/12/2026, 30/11 – 02/12/2026, or one day."""
    if start is None:
        return ""
    if end is None or end == start:
        return start.strftime("%d/%m/%Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%d}–{end:%d/%m/%Y}"
    if start.year == end.year:
        return f"{start:%d/%m} – {end:%d/%m/%Y}"
    return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


class ContentFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)  # a draft shows its own, unsaved content
        parts = [self.name, *(str(v.resolve(context)) for v in self.vary_on)]
        return _stored_fragment(request, parts, lambda: self.nodelist.render(context))


def _stored_fragment(request, parts, render) -> str:
    where = "|".join(
        [request.scheme, request.get_host(), get_language() or "", today().isoformat(), *parts]
    )
    names = [page_cache.CONTENT_VERSION_KEY, page_cache.CATALOGUE_VERSION_KEY]
    versions = cache.get_many(names)
    version = ".".join(str(versions.get(name, 0)) for name in names)
    digest = hashlib.sha1(where.encode()).hexdigest()  # noqa: S324  (a cache key, not security)
    key = f"fragment:{version}:{digest}"
    return cache.get_or_set(key, render, page_cache.TIMEOUT)


@register.tag
def content_fragment(parser, token):
    """``{% content_fragment "head" page.pk %}…{% endcontent_fragment %}``: a part of a CMS
    page that shows CMS content and producers but no product (titles, ancestors,
    translations, images, which stories and fairs are live, producer cards), stored under
    the content version, the catalogue version (a producer's change bumps it), the host and
    scheme, the language and Vietnam's date, so that a page rendered afresh because a
    product changed runs none of its queries. Never stored for a preview. Whatever else it
    varies with (the page, a page number) goes in the arguments."""
    (name, *args), nodelist = parse_block(parser, token, usage="content_fragment needs a name")
    return ContentFragmentNode(
        nodelist, name.strip("\"'"), [parser.compile_filter(b) for b in args]
    )

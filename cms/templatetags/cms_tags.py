"""Small template helpers for the CMS pages (maps, dates, Open Graph)."""

from decimal import Decimal

from django import template
from django.utils.http import urlencode

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

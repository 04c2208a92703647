"""Stories, craft villages and fairs beside the product results and in the suggestions.

Wagtail's own search (the database backend on SQLite and PostgreSQL) over live, public pages
in the shopper's language. The pages index their words folded (``cms.search_text``) and
the query is folded the same way, so "lang nghe" finds "Làng nghề" and "duong" finds
"Đường" on both databases. Queries: the search itself, the pages, one per page type found
(``specific``), the view restrictions, and the site root paths (cached).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from . import service

#: page model name -> (kind, label shown to shoppers)
KINDS = {
    "storypage": ("stories", _("Bài viết")),
    "villagepage": ("villages", _("Làng nghề")),
    "fairpage": ("events", _("Sự kiện")),
}
HEADING = _("Bài viết, làng nghề, sự kiện")


@dataclass(frozen=True)
class PageHit:
    title: str
    url: str
    kind: str
    kind_label: str
    meta: str

    def as_dict(self) -> dict:
        return {"title": self.title, "url": self.url, "meta": self.meta}


LOCALE_KEY = "search:locale-id:"


def active_locale_id() -> int:
    """The pk of Wagtail's locale for the shopper's language (``Locale.get_active``), kept
    in the shared cache: a locale is added or removed once in a site's life, and every
    process drops its answer then (search.receivers)."""
    key = LOCALE_KEY + (translation.get_language() or "")
    pk = cache.get(key)
    if pk is None:
        pk = Locale.get_active().pk
        cache.set(key, pk, 24 * 60 * 60)
    return pk


def page_models() -> list:
    """The page models searched beside the products (KINDS)."""
    return [apps.get_model("cms", name) for name in KINDS]


def _meta(page) -> str:
    name = page._meta.model_name
    if name == "fairpage":
        start = formats.date_format(page.start_date, "d/m/Y")
        if page.end_date != page.start_date:
            start += " – " + formats.date_format(page.end_date, "d/m/Y")
        return ", ".join(p for p in (start, page.province_name) if p)
    if name == "villagepage":
        return ", ".join(p for p in (page.craft, page.province_name) if p)
    return formats.date_format(page.date, "d/m/Y") if page.date else ""


def search_pages(q: str, *, limit: int = 5, request=None, as_you_type=False) -> list[PageHit]:
    """At most ``limit`` stories, villages and fairs matching every word of ``q``, best
    first. ``as_you_type``: the last word may be the start of a word."""
    words = service.terms(q, spelling=False)  # the pages index plain folded words
    if not words:
        return []
    folded = " ".join(words)
    candidates = Page.objects.live().filter(locale_id=active_locale_id()).type(*page_models())
    if as_you_type:
        results = candidates.autocomplete(folded, operator="and")
    else:
        results = candidates.search(folded, operator="and")
    ids = [page.pk for page in results[: limit * 2]]
    if not ids:
        return []
    found = {p.pk: p for p in Page.objects.filter(pk__in=ids).live().public().specific()}
    hits = []
    for pk in ids:
        page = found.get(pk)
        if page is None or page._meta.model_name not in KINDS:
            continue
        kind, label = KINDS[page._meta.model_name]
        hits.append(PageHit(page.title, page.get_url(request), kind, str(label), _meta(page)))
        if len(hits) >= limit:
            break
    return hits


def suggestions(q: str, *, limit: int = 4, request=None) -> dict[str, list[dict]]:
    """{"villages": [...], "stories": [...], "events": [...]} for the search box."""
    out: dict[str, list[dict]] = {kind: [] for kind, _label in KINDS.values()}
    for hit in search_pages(q, limit=limit * 3, request=request, as_you_type=True):
        if len(out[hit.kind]) < limit:
            out[hit.kind].append(hit.as_dict())
    return out

"""No dead ends on the search page: the producers a query names, and, when no product
matched, the gift sets on sale (beside the product groups and "Có phải bạn muốn tìm …").
Craft villages, stories and fairs come from search.pages."""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, TextField, Value
from django.db.models.functions import Concat
from django.urls import reverse
from oscar.core.loading import get_model

from shop.catalogue.cards import cards_of
from shop.ocop.rules import sellable_products, today

from . import documents_db, service
from .sql import Folded

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")


def producers(q: str, *, limit: int = 5) -> list[dict]:
    """Producers with products on sale whose name holds every word of ``q`` (a word
    starting so, accents or not): {"name", "province", "url"} (their products). One query,
    remembered under the search and catalogue versions and Vietnam's date (the documents'
    sellable flags and producers, and a producer's renaming, bump one of them)."""
    from django.core.cache import cache

    from . import cache as search_cache

    words = service.terms(q, spelling=False)
    if not words:
        return []
    key = search_cache.producers_key(words, limit=limit)
    found = cache.get(key)
    if found is None:
        found = _producers(words, limit=limit)
        cache.set(key, found, search_cache.TIMEOUT)
    return found


def _producers(words: list[str], *, limit: int) -> list[dict]:
    selling = documents_db.sellable_documents(today()).filter(producer_id=OuterRef("pk"))
    makers = Partner.objects.filter(Exists(selling)).annotate(
        folded=Concat(Value(" "), Folded("name"), output_field=TextField())
    )
    for word in words:
        makers = makers.filter(folded__contains=f" {word}")
    url = reverse("search:search")
    return [
        {"name": name, "province": province, "url": f"{url}?producer={pk}"}
        for pk, name, province in makers.order_by("name").values_list(
            "pk", "name", "province_name"
        )[:limit]
    ]


def gift_sets(*, limit: int = 4) -> list:
    """Curated gift sets on sale today (THE rule), in stock first, then the best selling
    (their search documents say), for product cards: one query for them all."""
    ranked = (
        F("search_document__in_stock").desc(nulls_last=True),
        F("search_document__sales_recent").desc(nulls_last=True),
    )
    on_sale = sellable_products(Product.objects.browsable(), on=today()).filter(
        gift_set__isnull=False
    )
    return cards_of(on_sale.order_by(*ranked, "pk"), limit=limit)

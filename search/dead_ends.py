"""No dead ends on the search page: the producers a query names, and, when no product
matched, the gift sets on sale (beside the product groups and "Có phải bạn muốn tìm …").
Craft villages, stories and fairs come from search.pages."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, TextField, Value
from django.db.models.functions import Concat
from django.urls import reverse
from oscar.core.loading import get_model

from shop.ocop.rules import today

from . import documents_db, service
from .sql import Folded

Partner = get_model("partner", "Partner")


def producers(q: str, *, limit: int = 5) -> list[dict]:
    """Producers with products on sale whose name holds every word of ``q`` (a word
    starting so, accents or not): {"name", "province", "url"} (their products). One query."""
    words = service.terms(q, spelling=False)
    if not words:
        return []
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
    """Curated gift sets on sale today, in stock first, for product cards."""
    ids = list(
        documents_db.sellable_documents(today())
        .filter(product__gift_set__isnull=False)
        .order_by("-in_stock", "-sales_recent", "product_id")
        .values_list("product_id", flat=True)[:limit]
    )
    return service.hydrate(ids)

"""The one product search service. Every listing a shopper sees comes from here, and
everything it returns is sellable today (shop.ocop.rules)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    QuerySet,
    Value,
    When,
)
from oscar.core.loading import get_model

from shop.ocop.rules import sellable_products, today
from shop.text import fold

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")

SORTS = {
    "relevance": None,
    "price-asc": "min_price",
    "price-desc": "-min_price",
    "newest": "-date_created",
    "title": "title",
}


@dataclass(frozen=True)
class ProductQuery:
    q: str = ""
    category: object | None = None
    sort: str = "relevance"


def for_listing(queryset: QuerySet) -> QuerySet:
    """What a product card needs, in a fixed number of queries."""
    Option = get_model("catalogue", "Option")
    return (
        queryset.select_related("product_class")
        .annotate(
            has_product_class_options=Exists(
                Option.objects.filter(productclass=OuterRef("product_class"))
            ),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch("stockrecords", queryset=StockRecord.objects.order_by("pk")),
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
            "certificates__producer",
        )
        .annotate(min_price=Min("stockrecords__price"))
    )


def search_products(query: ProductQuery) -> QuerySet:
    products = sellable_products(Product.objects.browsable(), on=today())
    if query.category is not None:
        products = products.filter(categories__in=query.category.get_descendants_and_self())
    words = fold(query.q).split()
    order = SORTS.get(query.sort) or None
    if words:
        for word in words:
            products = products.filter(search_document__text__contains=word)
        phrase = " ".join(words)
        products = products.annotate(
            rank=Case(
                When(search_document__title=phrase, then=Value(0)),
                When(search_document__title__startswith=phrase, then=Value(1)),
                When(search_document__title__contains=phrase, then=Value(2)),
                When(search_document__text__contains=phrase, then=Value(3)),
                default=Value(4),
                output_field=IntegerField(),
            )
        )
        ordering = [order, "rank"] if order else ["rank", "title"]
    else:
        ordering = [order] if order else ["-date_created"]
    return for_listing(products.distinct()).order_by(*ordering, "pk")

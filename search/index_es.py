"""Writing to Elasticsearch: bulk bodies for changed products, and full rebuilds into a new
index behind the alias (``ELASTICSEARCH_INDEX``), swapped atomically: no downtime."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils import timezone
from elasticsearch.helpers import bulk
from oscar.core.loading import get_model

from shop.ocop.rules import best_certificate, today

from .documents import alias_name, index_for, to_doc
from .documents_db import recent_sales

Product = get_model("catalogue", "Product")


def _products(ids: list[int] | None):
    products = Product.objects.filter(parent__isnull=True).prefetch_related(
        "certificates__producer", "stockrecords", "categories"
    )
    return products if ids is None else products.filter(pk__in=ids)


def bulk_actions(product_ids: Iterable[int] | None, *, index: str | None = None) -> Iterator[dict]:
    """Index actions for the products that exist, delete actions for those that are gone."""
    index = index or alias_name()
    ids = None if product_ids is None else list(product_ids)
    on = today()
    seen = set()
    sales = recent_sales(ids)
    for product in _products(ids).iterator(chunk_size=1000):
        seen.add(product.pk)
        certificate = best_certificate(product.certificates.all(), on=on)
        categories = [c.pk for c in product.categories.all()]
        doc = to_doc(
            product,
            certificate=certificate,
            categories=categories,
            on=on,
            sales=sales.get(product.pk, 0),
        )
        action = doc.to_dict(include_meta=True)
        action["_index"] = index
        yield action
    for missing in sorted(set(ids or ()) - seen):
        yield {"_op_type": "delete", "_index": index, "_id": missing}


def alias_actions(alias: str, new_index: str, old_indices: Iterable[str]) -> dict:
    """One atomic ``_aliases`` request: the alias leaves the old indices, joins the new."""
    actions = [{"remove": {"index": old, "alias": alias}} for old in sorted(old_indices)]
    actions.append({"add": {"index": new_index, "alias": alias}})
    return {"actions": actions}


def update(es, product_ids: Iterable[int]) -> int:
    ok, _errors = bulk(es, bulk_actions(product_ids), raise_on_error=False, refresh="wait_for")
    return ok


def rebuild(es, *, icu: bool | None = None, suffix: str | None = None) -> str:
    """Build a fresh index, fill it, move the alias to it, drop the old ones."""
    alias = alias_name()
    name = f"{alias}-{suffix or timezone.now().strftime('%Y%m%d%H%M%S%f')}"
    index_for(name, icu=icu).create(using=es)
    bulk(es, bulk_actions(None, index=name), chunk_size=1000, refresh=True)
    old = (
        list(es.indices.get_alias(name=alias).keys()) if es.indices.exists_alias(name=alias) else []
    )
    es.indices.update_aliases(body=alias_actions(alias, name, old))
    for index in old:
        if index != name:
            es.indices.delete(index=index)
    return name

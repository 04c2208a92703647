"""Background work (django-tasks): refresh what search knows about some products."""

from django.conf import settings
from django_tasks import task

from . import documents_db


@task()
def refresh_products(product_ids: list[int] | None = None) -> int:
    """Rebuild the database documents (always: they are the fallback) and, when
    Elasticsearch is configured, the Elasticsearch documents of ``product_ids``
    (None: everything)."""
    count = documents_db.reindex(product_ids)
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        from .backends.elastic import client
        from .index_es import rebuild, update

        if product_ids is None:
            rebuild(client())
        else:
            update(client(), product_ids)
        from . import cache as search_cache

        search_cache.bump()  # results cached while the index was being updated are dropped
    return count


@task()
def refresh_sellable_today() -> str:
    """Just after midnight (config/schedule.py): recompute every document's sellable flag
    for the new day in Vietnam, so the first shopper's search does not pay for it."""
    from shop.ocop.rules import today

    on = today()
    documents_db.ensure_flags_for(on)
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        refresh_products.call(None)
    return on.isoformat()

"""Oscar's product view counter (analytics ``ProductRecord.num_views``), off the shopper's
request when Redis is there.

Oscar counts a view with an UPDATE (and its commit) in the request of every product page it
renders. With ``REDIS_URL`` a view is one HINCRBY on a hash in Redis, which every process
shares, and the worker adds the counts to the records every minute (``flush``, scheduled in
config/schedule.py). A signed-in shopper's view is counted at once, with their history, as
Oscar does. Without Redis (one process, the embedded default) Oscar's receiver counts in
the request as before."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from oscar.apps.analytics import receivers as oscar_receivers
from oscar.core.loading import get_model

logger = logging.getLogger(__name__)

_client = None


def _key() -> str:
    return f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:analytics:product-views"


def _redis():
    """A client of the shared Redis (one pool per process, made after gunicorn's fork), or
    None without ``REDIS_URL``."""
    global _client
    if not settings.REDIS_URL:
        return None
    if _client is None:
        import redis

        _client = redis.Redis.from_url(settings.REDIS_URL)
    return _client


def product_viewed(sender, product, user, **kwargs):
    """Oscar's ``product_viewed`` receiver, buffered in Redis for a visitor who is not
    signed in when there is one (a signed-in shopper's view also writes their history)."""
    client = _redis()
    if client is None or (user and user.is_authenticated) or kwargs.get("raw", False):
        oscar_receivers.receive_product_view(sender, product=product, user=user, **kwargs)
        return
    try:
        client.hincrby(_key(), str(product.pk), 1)
    except Exception:  # a lost view count is no reason to fail a shopper's page
        logger.warning("product view not counted (Redis)", exc_info=True)


def flush() -> int:
    """Add the views counted in Redis to the products' records; the number of views added.

    The hash is renamed before it is read, so views counted meanwhile go to a new one; it
    is deleted only once the records are committed, so a flush that failed (a record
    created meanwhile by Oscar's own counter, a lost connection) is done again, whole, by
    the next one."""
    client = _redis()
    if client is None:
        return 0
    key, taken = _key(), f"{_key()}:flushing"
    if not client.exists(taken):
        try:
            client.rename(key, taken)
        except Exception as error:  # no views since the last flush
            if "no such key" in str(error).lower():
                return 0
            raise
    counts = {int(pk): int(n) for pk, n in client.hgetall(taken).items()}
    ProductRecord = get_model("analytics", "ProductRecord")
    Product = get_model("catalogue", "Product")
    existing = set(Product.objects.filter(pk__in=counts).values_list("pk", flat=True))
    with transaction.atomic():
        recorded = set(
            ProductRecord.objects.filter(product_id__in=existing).values_list(
                "product_id", flat=True
            )
        )
        for pk in sorted(recorded):
            ProductRecord.objects.filter(product_id=pk).update(
                num_views=F("num_views") + counts[pk]
            )
        ProductRecord.objects.bulk_create(
            [ProductRecord(product_id=pk, num_views=counts[pk]) for pk in existing - recorded]
        )
    client.delete(taken)
    return sum(counts[pk] for pk in existing)

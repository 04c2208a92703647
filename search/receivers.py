"""Keep the search documents current when products, stock, producers or certificates
change, and after each registry sync (shop.signals.catalogue_changed): once the
transaction commits, their sellable flags are recomputed at once and a background task
(search.tasks) refreshes the rest. Either drops the cached search results."""

import logging

from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model
from wagtail.models import Locale

from shop.gifts.services import gift_sets_holding
from shop.ocop.models import Certificate
from shop.signals import catalogue_changed

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


def _later(product_ids):
    ids = None if product_ids is None else sorted({int(i) for i in product_ids if i})
    if ids == []:
        return
    transaction.on_commit(lambda: _refresh(ids))


def _refresh(ids):
    """Once committed: the sellable flags at once (one UPDATE; cached results dropped),
    the documents' text and facet fields in the background."""
    from . import documents_db
    from .tasks import refresh_products

    ids = _with_gift_sets(ids)
    try:
        documents_db.refresh_sellable(ids)
    except DatabaseError:
        # The change itself is committed (an order placed, a price saved): its request must
        # not fail for this. The task below rebuilds these documents, flags included, and
        # results only put on screen what THE rule lets through meanwhile.
        logger.exception("search: sellable flags of %s not refreshed", ids)
    refresh_products.enqueue(ids)


def _with_gift_sets(ids):
    """The gift sets holding these products change with them (sellable while all their
    components are)."""
    if ids is None:
        return ids
    return sorted(set(ids) | set(gift_sets_holding(ids)))


@receiver(post_save, sender=Product, dispatch_uid="search-product")
def product_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _later([instance.parent_id or instance.pk])


@receiver(post_delete, sender=Product, dispatch_uid="search-product-deleted")
def product_deleted(sender, instance, **kwargs):
    _later([instance.parent_id or instance.pk])


@receiver(post_save, sender=StockRecord, dispatch_uid="search-stockrecord")
@receiver(post_delete, sender=StockRecord, dispatch_uid="search-stockrecord-deleted")
def stockrecord_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.product_id:
        product = instance.product
        _later([product.parent_id or product.pk])


@receiver(post_save, sender=Certificate, dispatch_uid="search-certificate")
def certificate_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.product_id:
        _later([instance.product_id])


@receiver(post_save, sender=Partner, dispatch_uid="search-partner")
def producer_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        _later(instance.certificates.exclude(product=None).values_list("product_id", flat=True))


@receiver(catalogue_changed, dispatch_uid="search-catalogue")
def catalogue_bulk_changed(sender, product_ids=None, **kwargs):
    _later(None if product_ids is None else list(product_ids))


@receiver(post_save, sender=Locale, dispatch_uid="search-locale-saved")
@receiver(post_delete, sender=Locale, dispatch_uid="search-locale-deleted")
def locale_changed(sender, instance, **kwargs):
    """Wagtail's locales are looked up through the shared cache (search.pages)."""
    from django.conf import settings
    from django.core.cache import cache

    from .pages import LOCALE_KEY

    codes = {code for code, _name in settings.LANGUAGES} | {instance.language_code, ""}
    cache.delete_many([LOCALE_KEY + code for code in codes])

"""Keep the product documents current when products, producers or certificates change."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from shop.ocop.models import Certificate
from shop.signals import catalogue_changed

from . import documents_db

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")


def _later(product_ids):
    transaction.on_commit(lambda: documents_db.reindex(product_ids))


@receiver(post_save, sender=Product, dispatch_uid="search-product")
def product_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _later([instance.parent_id or instance.pk])


@receiver(post_save, sender=Certificate, dispatch_uid="search-certificate")
def certificate_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.product_id:
        _later([instance.product_id])


@receiver(post_save, sender=Partner, dispatch_uid="search-partner")
def producer_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        ids = list(instance.certificates.exclude(product=None).values_list("product_id", flat=True))
        if ids:
            _later(ids)


@receiver(catalogue_changed, dispatch_uid="search-catalogue")
def catalogue_bulk_changed(sender, product_ids=None, **kwargs):
    _later(None if product_ids is None else list(product_ids))

"""A gift set shows and sells what its components allow: when a component's stock record,
certificate or product changes, the sets holding it get their cached pages invalidated and,
once the transaction commits, ``catalogue_changed`` is sent for them (search refreshes them)
and their curators are told of a lapse (shop.gifts.notifications)."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from shop.catalogue import cache as page_cache
from shop.ocop.models import Certificate
from shop.signals import catalogue_changed

from .models import BoxType, GiftComponent, GiftSet
from .notifications import notify_lapsed
from .services import gift_sets_holding

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def components_changed(product_ids, *, offer_only: bool = False) -> None:
    """``offer_only``: only the components' price or stock changed, which the sets' pages
    show only in their buy box (their contents list shows neither)."""
    sets = gift_sets_holding(product_ids)
    if not sets:
        return
    if offer_only:
        page_cache.invalidate_offers(sets)
    else:
        page_cache.invalidate_products(sets)
    transaction.on_commit(lambda: catalogue_changed.send(sender=GiftComponent, product_ids=sets))


@receiver([post_save, post_delete], sender=StockRecord, dispatch_uid="gifts-stockrecord")
def stockrecord_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.product_id:
        components_changed([instance.product_id], offer_only=True)


@receiver([post_save, post_delete], sender=Certificate, dispatch_uid="gifts-certificate")
def certificate_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.product_id:
        variants = Product.objects.filter(parent_id=instance.product_id).values_list(
            "pk", flat=True
        )
        components_changed([instance.product_id, *variants])


@receiver(post_save, sender=Product, dispatch_uid="gifts-product")
def product_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        components_changed([instance.pk])


@receiver([post_save, post_delete], sender=GiftComponent, dispatch_uid="gifts-component")
def component_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    product_id = (
        GiftSet.objects.filter(pk=instance.gift_set_id).values_list("product_id", flat=True).first()
    )
    if product_id:
        page_cache.invalidate_products([product_id])
        transaction.on_commit(
            lambda: catalogue_changed.send(sender=GiftComponent, product_ids=[product_id])
        )


@receiver([post_save, post_delete], sender=BoxType, dispatch_uid="gifts-boxtype")
def box_type_changed(sender, instance, raw=False, **kwargs):
    """A box type put on or off sale (THE rule reads ``is_active``): its box's pages, card
    and listings, and once committed its search document."""
    if raw:
        return
    product_id = instance.product_id
    page_cache.invalidate_products([product_id])
    transaction.on_commit(
        lambda: catalogue_changed.send(sender=BoxType, product_ids=[product_id])
    )


@receiver(catalogue_changed, dispatch_uid="gifts-lapse")
def tell_curators(sender, product_ids=None, **kwargs):
    """After a sync or any change to components: tell curators of sets that left sale.
    Never lets a failure reach the sender (a sync, a checkout)."""
    try:
        notify_lapsed(product_ids=None if product_ids is None else list(product_ids))
    except Exception:
        logger.exception("Checking gift sets for lapsed components failed")

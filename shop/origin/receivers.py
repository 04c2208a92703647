"""A batch's dates decide sellability (THE rule), and the product page shows origin: when a
batch or an area changes, the product's cached pages go, and once committed
``catalogue_changed`` refreshes search (and the gift sets holding the product)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from oscar.core.loading import get_model

from shop.catalogue import cache as page_cache
from shop.signals import catalogue_changed

from .models import Batch, OriginArea

Product = get_model("catalogue", "Product")


def products_changed(product_ids) -> None:
    from shop.gifts.receivers import components_changed

    ids = {pk for pk in product_ids if pk}
    if not ids:
        return
    ids |= set(Product.objects.filter(parent_id__in=ids).values_list("pk", flat=True))
    page_cache.invalidate_products(ids)
    components_changed(ids)
    transaction.on_commit(lambda: catalogue_changed.send(sender=Batch, product_ids=sorted(ids)))


@receiver([post_save, post_delete], sender=Batch, dispatch_uid="origin-batch")
def batch_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        products_changed([instance.product_id])


@receiver([post_save, pre_delete], sender=OriginArea, dispatch_uid="origin-area")
def area_changed(sender, instance, raw=False, **kwargs):
    # pre_delete: the batches still name the area, the products are still linked
    if raw or instance.pk is None:
        return
    ids = set(instance.batches.values_list("product_id", flat=True))
    ids |= set(instance.products.values_list("pk", flat=True))
    products_changed(ids)


@receiver(m2m_changed, sender=OriginArea.products.through, dispatch_uid="origin-area-products")
def area_products_changed(sender, instance, action, pk_set=None, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if isinstance(instance, OriginArea):
        ids = (
            set(pk_set or ())
            if action != "pre_clear"
            else set(instance.products.values_list("pk", flat=True))
        )
    else:
        ids = {instance.pk}
    products_changed(ids)

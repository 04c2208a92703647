"""Invalidate cached product pages when what they show changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from shop.ocop.models import Certificate
from shop.signals import catalogue_changed

from . import cache as page_cache

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")


@receiver([post_save, post_delete], sender=Product, dispatch_uid="pagecache-product")
def product_changed(sender, instance, **kwargs):
    page_cache.invalidate_products([instance.pk, instance.parent_id])
    if instance.is_parent:
        page_cache.invalidate_products(instance.children.values_list("pk", flat=True))


@receiver([post_save, post_delete], sender=StockRecord, dispatch_uid="pagecache-stock")
def offer_changed(sender, instance, **kwargs):
    product = instance.product
    page_cache.invalidate_offers([product.pk, product.parent_id])  # price, stock


@receiver([post_save, post_delete], sender=ProductImage, dispatch_uid="pagecache-image")
def product_part_changed(sender, instance, **kwargs):
    product = instance.product
    page_cache.invalidate_products([product.pk, product.parent_id])
    if product.is_parent:  # a variant without photos of its own shows its parent's
        page_cache.invalidate_products(product.children.values_list("pk", flat=True))


@receiver([post_save, post_delete], sender=Certificate, dispatch_uid="pagecache-certificate")
def certificate_changed(sender, instance, **kwargs):
    if instance.product_id:
        ids = [
            instance.product_id,
            *Product.objects.filter(parent_id=instance.product_id).values_list("pk", flat=True),
        ]
        page_cache.invalidate_products(ids)


@receiver(
    [post_save, post_delete],
    sender=get_model("catalogue", "ProductRecommendation"),
    dispatch_uid="pagecache-recommendation",
)
def recommendation_changed(sender, instance, **kwargs):
    page_cache.invalidate_products([instance.primary_id])  # the page's "you may also like"


@receiver(
    [post_save, post_delete],
    sender=get_model("catalogue", "ProductClass"),
    dispatch_uid="pagecache-productclass",
)
@receiver(
    [post_save, post_delete],
    sender=get_model("catalogue", "Option"),
    dispatch_uid="pagecache-option",
)
def product_class_changed(sender, instance, **kwargs):
    # Whether a class tracks stock, and the options its basket form asks, are on every page
    # of its products.
    page_cache.invalidate_catalogue()


@receiver(
    m2m_changed,
    sender=get_model("catalogue", "ProductClass").options.through,
    dispatch_uid="pagecache-class-options",
)
@receiver(
    m2m_changed, sender=Product.product_options.through, dispatch_uid="pagecache-product-options"
)
def options_changed(sender, **kwargs):
    page_cache.invalidate_catalogue()


@receiver(post_save, sender=Partner, dispatch_uid="pagecache-partner")
def producer_changed(sender, instance, **kwargs):
    page_cache.invalidate_catalogue()


@receiver(
    [post_save, post_delete],
    sender=get_model("catalogue", "Category"),
    dispatch_uid="pagecache-category",
)
def category_changed(sender, instance, **kwargs):
    page_cache.invalidate_catalogue()  # the menu of every page lists the categories


@receiver(m2m_changed, sender=Product.categories.through, dispatch_uid="pagecache-categories")
def categories_changed(sender, instance, **kwargs):
    if isinstance(instance, Product):
        page_cache.invalidate_products([instance.pk])


@receiver(catalogue_changed, dispatch_uid="pagecache-bulk")
def bulk_changed(sender, product_ids=None, **kwargs):
    if product_ids is None:
        page_cache.invalidate_catalogue()
    else:
        page_cache.invalidate_products(product_ids)

"""A review shown on a product page (new, approved, rejected, answered, deleted) changes that
page and the cards and search results showing the product's stars: its cached pages go, and
once committed ``catalogue_changed`` refreshes its search document (the ``rating`` sort)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from shop.catalogue import cache as page_cache
from shop.signals import catalogue_changed

Product = get_model("catalogue", "Product")
ProductReview = get_model("reviews", "ProductReview")


def review_changed_for(product_id) -> None:
    if not product_id:
        return
    page_cache.invalidate_products([product_id])
    transaction.on_commit(
        lambda: catalogue_changed.send(sender=ProductReview, product_ids=[product_id])
    )


@receiver(post_save, sender=ProductReview, dispatch_uid="reviews-changed")
def review_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        review_changed_for(instance.product_id)


@receiver(post_delete, sender=ProductReview, dispatch_uid="reviews-deleted")
def review_deleted(sender, instance, **kwargs):
    """Also when deleted with their author (an account closed: shop.customer.privacy), which
    skips ``ProductReview.delete``: the product's average and count are recomputed."""
    product = Product.objects.filter(pk=instance.product_id).first()
    if product is not None:
        product.update_rating()
    review_changed_for(instance.product_id)

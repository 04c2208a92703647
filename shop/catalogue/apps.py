from oscar.apps.catalogue import apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "shop.catalogue"

    def ready(self):
        super().ready()
        from oscar.apps.analytics.receivers import receive_product_view
        from oscar.apps.catalogue.signals import product_viewed

        from . import product_views, receivers  # noqa: F401

        # Oscar's view counter, buffered in Redis when there is one (product_views).
        product_viewed.disconnect(receive_product_view)
        product_viewed.connect(product_views.product_viewed, dispatch_uid="ocop-product-views")

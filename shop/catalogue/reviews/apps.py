import oscar.apps.catalogue.reviews.apps as apps


class CatalogueReviewsConfig(apps.CatalogueReviewsConfig):
    name = "shop.catalogue.reviews"

    def ready(self):
        super().ready()
        from . import receivers  # noqa: F401

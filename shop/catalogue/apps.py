from oscar.apps.catalogue import apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "shop.catalogue"

    def ready(self):
        super().ready()
        from . import receivers  # noqa: F401

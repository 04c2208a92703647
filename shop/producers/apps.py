from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProducersConfig(AppConfig):
    name = "shop.producers"
    label = "producers"
    verbose_name = _("Cổng nhà sản xuất")

    def ready(self):
        from . import receivers  # noqa: F401

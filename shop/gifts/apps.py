from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GiftsConfig(AppConfig):
    name = "shop.gifts"
    label = "gifts"
    verbose_name = _("Giỏ quà")

    def ready(self):
        from . import receivers  # noqa: F401

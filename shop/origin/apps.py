from django.apps import AppConfig


class OriginConfig(AppConfig):
    name = "shop.origin"
    label = "origin"
    verbose_name = "Nguồn gốc: vùng nguyên liệu và lô sản xuất"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401

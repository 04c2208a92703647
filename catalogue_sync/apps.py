from django.apps import AppConfig


class CatalogueSyncConfig(AppConfig):
    name = "catalogue_sync"
    verbose_name = "Đồng bộ hệ thống OCOP"

    def ready(self):
        # Receivers: delisting emails to producers, failed-run emails to staff.
        from . import notifications  # noqa: F401

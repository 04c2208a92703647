from django.apps import AppConfig


class CatalogueSyncConfig(AppConfig):
    name = "catalogue_sync"
    verbose_name = "Đồng bộ hệ thống OCOP"

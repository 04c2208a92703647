from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the shop: the periodic-job scheduler, health checks, backups, JSON logs."""

    name = "ops"
    verbose_name = "Vận hành"
    default_auto_field = "django.db.models.BigAutoField"

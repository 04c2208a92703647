import oscar.apps.customer.apps as apps
from django.contrib.auth.decorators import login_required
from django.urls import path


class CustomerConfig(apps.CustomerConfig):
    name = "shop.customer"

    def ready(self):
        super().ready()
        from . import receivers  # noqa: F401

    def get_urls(self):
        from . import privacy

        extra = [
            path("privacy/", login_required(privacy.PrivacyView.as_view()), name="privacy"),
            path("privacy/export.json", login_required(privacy.export), name="privacy-export"),
            path("privacy/delete/", login_required(privacy.delete_account), name="privacy-delete"),
        ]
        return super().get_urls() + self.post_process_urls(extra)

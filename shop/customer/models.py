"""Consents under Decree 13/2023: processing personal data (required to have an account or
order) and marketing (separate, never pre-ticked, withdrawable at any time)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Consent(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consent"
    )
    data_processing_at = models.DateTimeField(_("Đồng ý xử lý dữ liệu lúc"), null=True)
    marketing = models.BooleanField(_("Đồng ý nhận tin khuyến mại"), default=False)
    marketing_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Sự đồng ý xử lý dữ liệu cá nhân")
        verbose_name_plural = _("Sự đồng ý xử lý dữ liệu cá nhân")

    def __str__(self):
        return str(self.user)


from oscar.apps.customer.models import *  # noqa: E402, F403

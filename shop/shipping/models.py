"""Shipping rates staff edit: a charge by weight for each zone between a producer and the
recipient (same province, same region, elsewhere), free above a basket value per producer."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Zone(models.TextChoices):
    SAME_PROVINCE = "same_province", _("Cùng tỉnh/thành")
    SAME_REGION = "same_region", _("Cùng miền")
    ELSEWHERE = "elsewhere", _("Liên miền")


class ZoneRate(models.Model):
    zone = models.CharField(_("Vùng"), max_length=16, choices=Zone.choices, unique=True)
    first_kg = models.DecimalField(
        _("Phí 1 kg đầu (₫)"), max_digits=12, decimal_places=0, default=Decimal("20000")
    )
    per_extra_kg = models.DecimalField(
        _("Mỗi kg tiếp theo (₫)"), max_digits=12, decimal_places=0, default=Decimal("5000")
    )
    free_above = models.DecimalField(
        _("Miễn phí khi tiền hàng của nhà sản xuất từ (₫)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Để trống nếu không miễn phí."),
    )

    class Meta:
        verbose_name = _("Biểu phí giao hàng")
        verbose_name_plural = _("Biểu phí giao hàng")

    def __str__(self):
        return self.get_zone_display()


class PaymentSettings(models.Model):
    """One row: limits staff set for payment methods."""

    cod_max_order_value = models.DecimalField(
        _("Giá trị đơn tối đa cho COD (₫)"),
        max_digits=12,
        decimal_places=0,
        default=Decimal("5000000"),
    )

    class Meta:
        verbose_name = _("Cài đặt thanh toán")
        verbose_name_plural = _("Cài đặt thanh toán")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def load(cls) -> "PaymentSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


from oscar.apps.shipping.models import *  # noqa: E402, F403

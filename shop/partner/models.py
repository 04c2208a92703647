"""Producers (OCOP "chủ thể") are Oscar partners with the registry's identity on them.

The registry owns the identity fields (code, name, legal form, tax code, representative,
the address as printed on the certificate); the shop adds today's administrative units
after the July 2025 reform and the commercial terms staff set.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner


class LegalForm(models.TextChoices):
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    COOPERATIVE_GROUP = "cooperative_group", _("Tổ hợp tác")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    HOUSEHOLD = "household", _("Hộ kinh doanh")


class Partner(AbstractPartner):
    registry_code = models.CharField(
        _("Mã chủ thể (registry)"), max_length=64, unique=True, null=True, blank=True
    )
    legal_form = models.CharField(
        _("Loại hình"), max_length=32, choices=LegalForm.choices, blank=True
    )
    tax_code = models.CharField(_("Mã số thuế"), max_length=20, blank=True)
    representative = models.CharField(_("Người đại diện"), max_length=255, blank=True)
    phone = models.CharField(_("Điện thoại"), max_length=64, blank=True)
    email = models.EmailField(_("Email"), blank=True)

    # The address exactly as printed on the certificate (may use pre-2025 unit names).
    address_street = models.CharField(_("Địa chỉ (số nhà, thôn)"), max_length=255, blank=True)
    address_commune = models.CharField(_("Xã/phường (trên chứng nhận)"), max_length=255, blank=True)
    address_district = models.CharField(
        _("Huyện (trên chứng nhận)"), max_length=255, blank=True
    )
    address_province = models.CharField(_("Tỉnh (trên chứng nhận)"), max_length=255, blank=True)

    # The same place in today's units (34 provinces, two-level administration).
    province_code = models.CharField(_("Mã tỉnh hiện nay"), max_length=8, blank=True, db_index=True)
    province_name = models.CharField(_("Tỉnh/thành hiện nay"), max_length=255, blank=True)
    ward_code = models.CharField(_("Mã xã/phường hiện nay"), max_length=8, blank=True)
    ward_name = models.CharField(_("Xã/phường hiện nay"), max_length=255, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    # Commercial terms set by staff.
    commission_rate = models.DecimalField(
        _("Phí nền tảng"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.10"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Tỷ lệ hoa hồng trên mỗi dòng hàng, ví dụ 0,10 = 10%."),
    )
    lead_time_days = models.PositiveSmallIntegerField(
        _("Thời gian chuẩn bị hàng (ngày)"), default=2
    )
    registry_synced_at = models.DateTimeField(null=True, blank=True, editable=False)

    @property
    def printed_address(self) -> str:
        parts = [self.address_street, self.address_commune, self.address_district,
                 self.address_province]
        return ", ".join(p for p in parts if p)

    @property
    def current_address(self) -> str:
        parts = [self.address_street, self.ward_name, self.province_name]
        return ", ".join(p for p in parts if p) or self.printed_address


from oscar.apps.partner.models import *  # noqa: E402, F403

"""Where a product comes from (truy xuất nguồn gốc): a producer's raw-material areas (vùng
nguyên liệu) and production batches (lô sản xuất).

A batch belongs to a product as the certificate does (the product, never a pack-size variant:
one honey harvest fills every jar size). Its best-before date feeds THE rule
(shop.ocop.rules): a product all of whose batches are past their best-before date is not
sellable. A batch may name the stock record it filled, which got its quantity added.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.addresses import province, ward


class FarmingStandard(models.TextChoices):
    NONE = "", _("Không có chứng nhận")
    VIETGAP = "vietgap", _("VietGAP")
    GLOBALGAP = "globalgap", _("GlobalGAP")
    ORGANIC_VN = "organic_vn", _("Hữu cơ (TCVN 11041)")
    ORGANIC_INTL = "organic_intl", _("Hữu cơ quốc tế (USDA, EU, JAS…)")
    OTHER = "other", _("Tiêu chuẩn khác")


class OriginArea(models.Model):
    """A raw-material area: a field, orchard, pond or forest plot the producer draws from."""

    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="origin_areas"
    )
    name = models.CharField(_("Tên vùng nguyên liệu"), max_length=160)
    province_code = models.CharField(_("Tỉnh/thành phố"), max_length=2)
    ward_code = models.CharField(_("Xã/phường"), max_length=5)
    planting_code = models.CharField(
        _("Mã số vùng trồng"),
        max_length=64,
        blank=True,
        help_text=_("Nếu vùng đã được cấp mã số vùng trồng (ví dụ VN-BGOR-0101)."),
    )
    area_ha = models.DecimalField(
        _("Diện tích (ha)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    standard = models.CharField(
        _("Tiêu chuẩn canh tác"),
        max_length=16,
        choices=FarmingStandard.choices,
        blank=True,
        default=FarmingStandard.NONE,
    )
    standard_photo = models.ImageField(
        _("Ảnh giấy chứng nhận tiêu chuẩn"), upload_to="origin/standards/", blank=True
    )
    latitude = models.DecimalField(
        _("Vĩ độ"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("Kinh độ"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    products = models.ManyToManyField(
        "catalogue.Product",
        related_name="origin_areas",
        blank=True,
        verbose_name=_("Sản phẩm dùng nguyên liệu từ vùng này"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("Vùng nguyên liệu")
        verbose_name_plural = _("Vùng nguyên liệu")

    def __str__(self) -> str:
        return self.name

    @property
    def place(self) -> str:
        """ "Xã Phượng Sơn, Bắc Ninh" in today's units."""
        parts = [
            getattr(ward(self.ward_code), "name", ""),
            getattr(province(self.province_code), "name", ""),
        ]
        return ", ".join(p for p in parts if p)

    @property
    def hectares(self) -> str:
        """ "8,5" for 8.50 ha: Vietnamese decimal comma, no trailing zeros."""
        if self.area_ha is None:
            return ""
        return f"{self.area_ha.normalize():f}".replace(".", ",")

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Batch(models.Model):
    """A production batch (lô sản xuất) of one product."""

    partner = models.ForeignKey("partner.Partner", on_delete=models.CASCADE, related_name="batches")
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="batches"
    )
    lot_number = models.CharField(_("Số lô"), max_length=40)
    produced_on = models.DateField(_("Ngày sản xuất"))
    best_before = models.DateField(
        _("Hạn sử dụng"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu sản phẩm không có hạn sử dụng (đồ thủ công, cây cảnh…)."),
    )
    quantity = models.PositiveIntegerField(_("Số lượng sản xuất"))
    area = models.ForeignKey(
        OriginArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="batches",
        verbose_name=_("Vùng nguyên liệu"),
    )
    stockrecord = models.ForeignKey(
        "partner.StockRecord",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="batches",
        verbose_name=_("Nhập vào tồn kho"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["best_before", "produced_on", "pk"]
        verbose_name = _("Lô sản xuất")
        verbose_name_plural = _("Lô sản xuất")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "lot_number"], name="origin_batch_lot_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(best_before__isnull=True)
                | models.Q(best_before__gte=models.F("produced_on")),
                name="origin_batch_best_before_after_production",
            ),
        ]

    def __str__(self) -> str:
        return self.lot_number

    def is_fresh_on(self, day: date) -> bool:
        """Usable on ``day``: no best-before date, or not past it (the last day counts)."""
        return self.best_before is None or self.best_before >= day

"""OCOP certificates as the provincial registry publishes them, with their history."""

from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProductGroup(models.TextChoices):
    FOOD = "food", _("Thực phẩm")
    BEVERAGE = "beverage", _("Đồ uống")
    HERBAL = "herbal", _("Dược liệu và sản phẩm từ dược liệu")
    HANDICRAFT = "handicraft", _("Thủ công mỹ nghệ")
    ORNAMENTAL = "ornamental", _("Sinh vật cảnh")
    TOURISM = "tourism", _("Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch")


class IssuedBy(models.TextChoices):
    DISTRICT = "district", _("UBND cấp huyện")
    PROVINCE = "province", _("UBND cấp tỉnh")
    NATIONAL = "national", _("Trung ương")


class CertificateStatus(models.TextChoices):
    ACTIVE = "active", _("Đang hoạt động")
    SUSPENDED = "suspended", _("Tạm đình chỉ")
    REVOKED = "revoked", _("Bị thu hồi")


class Certificate(models.Model):
    """One OCOP certificate. Every registry field is kept; the registry owns them all."""

    certificate_no = models.CharField(_("Số chứng nhận"), max_length=64, unique=True)
    product_code = models.CharField(_("Mã sản phẩm"), max_length=64, db_index=True)
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.PROTECT,
        related_name="certificates",
        null=True,
        blank=True,
    )
    producer = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="certificates"
    )
    product_name = models.CharField(_("Tên sản phẩm"), max_length=255)
    product_group = models.CharField(_("Nhóm"), max_length=16, choices=ProductGroup.choices)
    product_subgroup = models.CharField(_("Phân nhóm"), max_length=64, blank=True)
    stars = models.PositiveSmallIntegerField(_("Số sao"))
    score = models.PositiveSmallIntegerField(_("Điểm"), null=True, blank=True)
    issued_by = models.CharField(_("Cấp công nhận"), max_length=16, choices=IssuedBy.choices)
    decision_no = models.CharField(_("Số quyết định"), max_length=64)
    decision_date = models.DateField(_("Ngày quyết định"))
    valid_from = models.DateField(_("Hiệu lực từ"))
    valid_until = models.DateField(_("Hiệu lực đến"))
    status = models.CharField(
        _("Trạng thái"), max_length=16, choices=CertificateStatus.choices, db_index=True
    )
    status_changed_on = models.DateField(_("Ngày đổi trạng thái"), null=True, blank=True)
    status_reason = models.TextField(_("Lý do"), blank=True)
    registry_authority = models.CharField(_("Cơ quan công nhận"), max_length=255, blank=True)
    registry_province_code = models.CharField(max_length=8, blank=True)
    registry_updated_at = models.DateTimeField(_("Cập nhật trên hệ thống OCOP"))
    # When the shop last compared this certificate with the registry.
    last_checked_at = models.DateTimeField(_("Lần đối chiếu gần nhất"))
    # The record as received (after NFC normalisation), for audit.
    raw = models.JSONField(default=dict, editable=False)
    content_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-valid_until"]
        indexes = [models.Index(fields=["product", "status", "valid_from", "valid_until"])]
        verbose_name = _("Chứng nhận OCOP")
        verbose_name_plural = _("Chứng nhận OCOP")

    def __str__(self) -> str:
        return f"{self.certificate_no} – {self.product_name} ({self.stars}★)"

    @property
    def is_alcoholic(self) -> bool:
        return self.product_subgroup == "alcoholic"

    def is_valid_on(self, day: date) -> bool:
        """The registry's definition, word for word (contracts/registry-feed-v1.md)."""
        return (
            self.status == CertificateStatus.ACTIVE and self.valid_from <= day <= self.valid_until
        )

    def state_on(self, day: date) -> str:
        """valid / expired / not_yet_valid / suspended / revoked."""
        if self.status == CertificateStatus.REVOKED:
            return "revoked"
        if self.status == CertificateStatus.SUSPENDED:
            return "suspended"
        if day < self.valid_from:
            return "not_yet_valid"
        if day > self.valid_until:
            return "expired"
        return "valid"

    @property
    def state_today(self) -> str:
        return self.state_on(timezone.localdate())

    STATE_LABELS = {
        "valid": _("còn hiệu lực"),
        "expired": _("hết hiệu lực"),
        "revoked": _("bị thu hồi"),
        "suspended": _("tạm đình chỉ"),
        "not_yet_valid": _("chưa có hiệu lực"),
    }

    @property
    def state_label(self) -> str:
        return str(self.STATE_LABELS[self.state_today])

    def days_left(self, day: date | None = None) -> int:
        day = day or timezone.localdate()
        return (self.valid_until - day).days


class CertificateEvent(models.Model):
    """The status history of a certificate, as the shop observed it."""

    class Kind(models.TextChoices):
        RECORDED = "recorded", _("Ghi nhận lần đầu")
        BECAME_VALID = "became_valid", _("Bắt đầu có hiệu lực")
        EXPIRED = "expired", _("Hết hiệu lực")
        SUSPENDED = "suspended", _("Tạm đình chỉ")
        REVOKED = "revoked", _("Bị thu hồi")
        REINSTATED = "reinstated", _("Khôi phục hiệu lực")
        RENEWED = "renewed", _("Được cấp lại (gia hạn)")
        UPDATED = "updated", _("Thay đổi thông tin")

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    on = models.DateField(_("Ngày"))
    reason = models.TextField(blank=True)
    # Which sync run saw it (catalogue_sync.SyncRun id; shop does not import catalogue_sync).
    sync_run_id = models.BigIntegerField(null=True, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.certificate.certificate_no}: {self.get_kind_display()} {self.on}"


class ExpiryNotice(models.Model):
    """A reminder that a certificate is about to expire, sent to its producer.

    One row per certificate, validity end and lead time: a rerun on the same day (or a
    second worker) finds the row and sends nothing twice; a renewed certificate (new
    ``valid_until``) gets its own reminders.
    """

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="expiry_notices"
    )
    valid_until = models.DateField(_("Hiệu lực đến"))
    days_before = models.PositiveSmallIntegerField(_("Số ngày trước khi hết hạn"))
    recipients = models.TextField(_("Người nhận"), blank=True)
    sent_at = models.DateTimeField(_("Gửi lúc"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "valid_until", "days_before"],
                name="ocop_expirynotice_once",
            )
        ]
        verbose_name = _("Thông báo sắp hết hạn")
        verbose_name_plural = _("Thông báo sắp hết hạn")

    def __str__(self) -> str:
        return f"{self.certificate_id}: {self.days_before} ngày trước {self.valid_until}"

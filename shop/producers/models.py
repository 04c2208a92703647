"""What the producer portal adds around Oscar's orders: a shipment per producer per order,
the commission and payout of every order line, payouts, invitations and mistake reports.

Oscar's order models are not changed here (they belong to checkout); every record points at
them instead.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """Staff invite a person to act for a producer; the link lets them set a password."""

    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("Email"))
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Lời mời nhà sản xuất")

    def __str__(self) -> str:
        return f"{self.email} → {self.partner}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class ShipmentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ chuẩn bị")
    PACKED = "packed", _("Đã đóng gói")
    SHIPPED = "shipped", _("Đã gửi hàng")
    DELIVERED = "delivered", _("Đã giao")
    CANCELLED = "cancelled", _("Đã huỷ")


class Shipment(models.Model):
    """The part of an order one producer packs and sends."""

    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="shipments")
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="shipments"
    )
    status = models.CharField(
        _("Trạng thái"),
        max_length=16,
        choices=ShipmentStatus.choices,
        default=ShipmentStatus.PENDING,
        db_index=True,
    )
    carrier = models.CharField(_("Đơn vị vận chuyển"), max_length=128, blank=True)
    tracking_number = models.CharField(_("Mã vận đơn"), max_length=128, blank=True)
    packed_at = models.DateTimeField(_("Đóng gói lúc"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("Gửi hàng lúc"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order_id", "partner_id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "partner"], name="producers_shipment_once")
        ]
        verbose_name = _("Kiện hàng")

    def __str__(self) -> str:
        return f"{self.order.number} / {self.partner}"

    @property
    def lines(self):
        return self.order.lines.filter(partner_id=self.partner_id)


class Payout(models.Model):
    """A bank transfer of what the shop owed a producer."""

    partner = models.ForeignKey("partner.Partner", on_delete=models.PROTECT, related_name="payouts")
    amount = models.DecimalField(_("Số tiền"), max_digits=14, decimal_places=0)
    reference = models.CharField(_("Mã giao dịch chuyển khoản"), max_length=128)
    paid_at = models.DateTimeField(_("Chuyển lúc"), default=timezone.now)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-paid_at"]
        verbose_name = _("Chi trả")

    def __str__(self) -> str:
        return f"{self.partner}: {self.amount} ({self.reference})"


class LineCommission(models.Model):
    """The platform's commission and the producer's payout on one order line, in whole VND."""

    line = models.OneToOneField("order.Line", on_delete=models.CASCADE, related_name="commission")
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="line_commissions"
    )
    rate = models.DecimalField(_("Tỷ lệ phí"), max_digits=5, decimal_places=4)
    gross = models.DecimalField(_("Tiền hàng"), max_digits=14, decimal_places=0)
    commission = models.DecimalField(_("Phí nền tảng"), max_digits=14, decimal_places=0)
    payout = models.DecimalField(_("Nhà sản xuất nhận"), max_digits=14, decimal_places=0)
    payout_record = models.ForeignKey(
        Payout, on_delete=models.PROTECT, null=True, blank=True, related_name="lines"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Phí và tiền nhận theo dòng hàng")

    def __str__(self) -> str:
        return f"{self.line_id}: {self.gross} − {self.commission} = {self.payout}"


class CertificateReport(models.Model):
    """A producer tells staff the registry data about a certificate looks wrong."""

    certificate = models.ForeignKey(
        "ocop.Certificate", on_delete=models.CASCADE, related_name="mistake_reports"
    )
    partner = models.ForeignKey("partner.Partner", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    message = models.TextField(_("Nội dung"))
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(_("Xử lý xong lúc"), null=True, blank=True)
    reply = models.TextField(_("Trả lời của ban quản trị"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Báo sai sót chứng nhận")

    def __str__(self) -> str:
        return f"{self.certificate.certificate_no}: {self.message[:40]}"

"""Orders with what an OCOP gift purchase needs: how it is paid, the gift options, the
alcohol age confirmation, the consents given at checkout and the shipping charge per producer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractShippingAddress
from oscar.apps.order.abstract_models import AbstractOrder

GIFT_MESSAGE_MAX = 300


class PaymentMethod(models.TextChoices):
    COD = "cod", _("Thanh toán khi nhận hàng (COD)")
    VIETQR = "vietqr", _("Chuyển khoản ngân hàng (VietQR)")
    STRIPE = "stripe", _("Thẻ quốc tế (Stripe)")


class PaymentState(models.TextChoices):
    PENDING = "pending", _("Chờ thanh toán")
    PAID = "paid", _("Đã thanh toán")
    ON_DELIVERY = "on_delivery", _("Thu tiền khi giao")
    PARTLY_REFUNDED = "partly_refunded", _("Đã hoàn một phần")
    REFUNDED = "refunded", _("Đã hoàn tiền")


class Order(AbstractOrder):
    payment_method = models.CharField(
        _("Phương thức thanh toán"), max_length=16, choices=PaymentMethod.choices, blank=True
    )
    payment_state = models.CharField(
        _("Trạng thái thanh toán"),
        max_length=16,
        choices=PaymentState.choices,
        default=PaymentState.PENDING,
    )
    paid_at = models.DateTimeField(_("Thời điểm nhận tiền"), null=True, blank=True)

    is_gift = models.BooleanField(_("Quà tặng"), default=False)
    gift_message = models.TextField(_("Lời nhắn quà tặng"), max_length=GIFT_MESSAGE_MAX, blank=True)
    hide_prices = models.BooleanField(_("Ẩn giá trên phiếu giao hàng"), default=False)
    preferred_delivery_date = models.DateField(_("Ngày giao mong muốn"), null=True, blank=True)

    # Law 44/2019: online sales of alcohol need an age check; recorded here.
    buyer_date_of_birth = models.DateField(_("Ngày sinh người mua"), null=True, blank=True)
    adult_confirmed_at = models.DateTimeField(_("Xác nhận đủ 18 tuổi lúc"), null=True, blank=True)

    # Decree 13/2023 consents, as given on this order.
    data_consent_at = models.DateTimeField(_("Đồng ý xử lý dữ liệu lúc"), null=True, blank=True)
    marketing_consent = models.BooleanField(_("Đồng ý nhận tin khuyến mại"), default=False)

    # [{"partner_id", "partner_name", "weight_kg", "zone", "charge"}]: one shipment per producer.
    shipping_breakdown = models.JSONField(_("Phí giao hàng theo nhà sản xuất"), default=list)


class ShippingAddress(AbstractShippingAddress):
    province_code = models.CharField(_("Mã tỉnh/thành"), max_length=8, blank=True)
    ward_code = models.CharField(_("Mã xã/phường"), max_length=8, blank=True)


class StripeAttemptStatus(models.TextChoices):
    STARTED = "started", _("Đang thanh toán")
    FULFILLED = "fulfilled", _("Đã đặt hàng")
    FAILED = "failed", _("Thất bại")


class StripeAttempt(models.Model):
    """One card payment attempt for one basket: holds what placing the order needs when the
    webhook, not the shopper's browser, is the first to report success."""

    order_number = models.CharField(max_length=128, unique=True)
    basket_id = models.PositiveIntegerField(db_index=True)
    amount = models.PositiveBigIntegerField(help_text="VND, zero-decimal: 350.000 ₫ = 350000")
    idempotency_key = models.CharField(max_length=128, unique=True)
    intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=StripeAttemptStatus.choices, default=StripeAttemptStatus.STARTED
    )
    stock_reserved = models.BooleanField(default=False)
    submission = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.order_number} {self.intent_id or ''} {self.status}"


class StripeEvent(models.Model):
    """Webhook events already handled: a replayed event is acknowledged and ignored."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=128)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.event_id


class RefundAttemptStatus(models.TextChoices):
    PENDING = "pending", _("Đang hoàn tiền")
    DONE = "done", _("Đã hoàn tiền")
    FAILED = "failed", _("Stripe từ chối")


class RefundAttempt(models.Model):
    """A card refund, written down BEFORE Stripe is asked, so that a refund Stripe made is
    never lost when the shop's own write after it fails: a retry finds the pending attempt,
    asks Stripe with the same idempotency key (or finds the refund by its metadata) and
    completes the Oscar records once.

    ``key`` is derived from the order and the refunded total staff saw: one pending attempt
    per order at a time. ``stripe_key`` is the idempotency key sent to Stripe; it gets a
    round suffix after Stripe refused an earlier round (Stripe replays a stored error)."""

    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, related_name="refund_attempts"
    )
    key = models.CharField(max_length=128, unique=True)
    stripe_key = models.CharField(max_length=160, unique=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    lines = models.JSONField(default=dict, help_text="{order line id: units}")
    status = models.CharField(
        max_length=16, choices=RefundAttemptStatus.choices, default=RefundAttemptStatus.PENDING
    )
    stripe_refund_id = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.key} {self.status}"


from oscar.apps.order.models import *  # noqa: E402, F403

"""Payment methods and the order's payment state transitions.

States (``Order.payment_state``):
  cash on delivery: ``on_delivery`` at placement (the courier collects the money);
  VietQR transfer: ``pending`` at placement → ``paid`` when staff see the money arrive;
  paid → ``refunded``.
Every transition is idempotent and runs under a row lock on the order.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from vietnam_qr_pay.qr_pay import QRPay

from shop.order.models import PaymentMethod, PaymentState
from shop.shipping.models import PaymentSettings

Order = get_model("order", "Order")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEvent = get_model("order", "PaymentEvent")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")

DEFAULT_BANK = {
    "bin": "970436",  # Vietcombank
    "account_no": "0011000000000",
    "account_name": "CONG TY TNHH CHO OCOP VIET",
    "bank_name": "Vietcombank",
}


@dataclass(frozen=True)
class MethodOption:
    code: str
    label: str
    available: bool
    reason: str = ""


def vnd(amount: Decimal) -> str:
    """An amount as shoppers and staff read it in messages: ``350.000 ₫``."""
    return f"{int(amount):,}".replace(",", ".") + "\u00a0₫"


def event_type(code: str, name: str):
    """The Oscar payment event type ``code`` (an existing one of that name will do: names
    are unique), created on first use."""
    found = PaymentEventType.objects.filter(code=code).first()
    if found is None:
        found = PaymentEventType.objects.filter(name=name).first()
    return found or PaymentEventType.objects.create(code=code, name=name)


def paid_event_type():
    """The payment event of money received (VietQR transfer seen, card payment placed)."""
    return event_type("paid", _("Đã nhận tiền"))


def bank_account() -> dict:
    return {**DEFAULT_BANK, **getattr(settings, "VIETQR_BANK", {})}


def stripe_enabled() -> bool:
    return bool(getattr(settings, "STRIPE_SECRET_KEY", ""))


def method_options(*, order_total: Decimal, has_alcohol: bool) -> list[MethodOption]:
    """Which payment methods this basket may use, and why a method is not offered."""
    cod_max = PaymentSettings.load().cod_max_order_value
    if has_alcohol:
        cod = MethodOption(
            PaymentMethod.COD,
            PaymentMethod.COD.label,
            False,
            _(
                "Giỏ hàng có đồ uống có cồn: theo Luật Phòng, chống tác hại của rượu, bia "
                "(44/2019/QH14) hàng bán trực tuyến phải thanh toán không dùng tiền mặt."
            ),
        )
    elif order_total > cod_max:
        cod = MethodOption(
            PaymentMethod.COD,
            PaymentMethod.COD.label,
            False,
            _("Thanh toán khi nhận hàng chỉ áp dụng cho đơn đến %(max)s.") % {"max": vnd(cod_max)},
        )
    else:
        cod = MethodOption(PaymentMethod.COD, PaymentMethod.COD.label, True)
    options = [cod, MethodOption(PaymentMethod.VIETQR, PaymentMethod.VIETQR.label, True)]
    if stripe_enabled():
        options.append(MethodOption(PaymentMethod.STRIPE, PaymentMethod.STRIPE.label, True))
    return options


def initial_state(method: str) -> str:
    return PaymentState.ON_DELIVERY if method == PaymentMethod.COD else PaymentState.PENDING


def source_for(*, method: str, amount: Decimal):
    """The unsaved Oscar payment source recorded with the order at placement."""
    source_type, _created = SourceType.objects.get_or_create(
        code=method, defaults={"name": PaymentMethod(method).label}
    )
    return Source(source_type=source_type, amount_allocated=amount)


def mark_transfer_received(*, order, reference: str = "") -> bool:
    """Staff saw the bank transfer: the order becomes paid (and the shopper is told by
    e-mail). False when it already was."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.payment_method != PaymentMethod.VIETQR:
            raise ValueError(
                _("Đơn %(no)s không thanh toán bằng chuyển khoản.") % {"no": order.number}
            )
        if locked.payment_state != PaymentState.PENDING:
            return False
        locked.payment_state = PaymentState.PAID
        locked.paid_at = timezone.now()
        locked.save(update_fields=["payment_state", "paid_at"])
        PaymentEvent.objects.create(
            order=locked,
            event_type=paid_event_type(),
            amount=locked.total_incl_tax,
            reference=reference,
        )
        for source in locked.sources.all():
            source.debit(locked.total_incl_tax, reference=reference)
        transaction.on_commit(lambda: send_transfer_received_email(order=locked))
    order.refresh_from_db()
    return True


def send_transfer_received_email(*, order) -> None:
    """Tell the shopper their bank transfer arrived."""
    from django.template.loader import render_to_string

    from shop.background import send_mail_later

    if not order.email:
        return
    context = {"order": order, "amount": order.total_incl_tax}
    send_mail_later(
        subject=_("Đơn hàng %(no)s: Chợ OCOP đã nhận được tiền chuyển khoản")
        % {"no": order.number},
        message=render_to_string("payments/email/transfer_received.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[order.email],
    )


# ------------------------------------------------------------------------------ VietQR


def transfer_note(order) -> str:
    return f"OCOP {order.number}"


def vietqr_payload(*, order) -> str:
    """The EMVCo/NAPAS payload for exactly the order total, with the order number as note."""
    bank = bank_account()
    qr = QRPay.init_viet_qr(
        bank_bin=bank["bin"],
        bank_number=bank["account_no"],
        amount=str(int(order.total_incl_tax)),
        purpose=transfer_note(order),
    )
    return qr.build()


def vietqr_image_data_uri(*, order) -> str:
    return segno.make(vietqr_payload(order=order), error="m").png_data_uri(scale=6, border=2)

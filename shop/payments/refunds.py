"""Refunds, full or per line, for every payment method; the one place that decides how much
may still go back to the shopper.

- Card (Stripe): a Stripe refund of the amount, in zero-decimal VND, then the Oscar records.
- VietQR transfer and cash on delivery: nothing to call; the refund is recorded and staff
  send the money back by bank transfer.

Never more than was paid: the amount is bounded by what the order's payment source took
(less earlier refunds), and a line by the units bought less the units already refunded.
Double submits are caught by ``expected_refunded``: the refunded total the staff member saw
when the form was drawn; if it moved in between, nothing happens.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import stripe
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.order import statuses
from shop.order.models import PaymentMethod, PaymentState

Order = get_model("order", "Order")
Line = get_model("order", "Line")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")

REFUND_CODE = "refund"
REFUND_NAME = "Hoàn tiền"


class RefundError(ValueError):
    pass


@dataclass(frozen=True)
class RefundResult:
    amount: Decimal
    reference: str
    by_bank_transfer: bool  # True: staff must send the money back themselves


def vnd(amount: Decimal) -> str:
    return f"{int(amount):,}".replace(",", ".") + "\u00a0₫"


def event_type(code: str, name: str):
    found = PaymentEventType.objects.filter(code=code).first()
    if found is None:
        found = PaymentEventType.objects.filter(name=name).first()
    return found or PaymentEventType.objects.create(code=code, name=name)


def _source(order):
    return order.sources.select_for_update().filter(source_type__code=order.payment_method).first()


def paid_amount(order, source) -> Decimal:
    """What the shopper has actually paid on this order."""
    if source is None:
        return Decimal(0)
    if order.payment_method == PaymentMethod.COD:
        # The courier collects the money on delivery.
        return source.amount_allocated if order.status == statuses.DELIVERED else Decimal(0)
    return source.amount_debited


def refundable(order) -> Decimal:
    source = order.sources.filter(source_type__code=order.payment_method).first()
    if source is None:
        return Decimal(0)
    return max(paid_amount(order, source) - source.amount_refunded, Decimal(0))


def refunded_total(order) -> Decimal:
    source = order.sources.filter(source_type__code=order.payment_method).first()
    return source.amount_refunded if source is not None else Decimal(0)


def refunded_quantities(order) -> dict[int, int]:
    rows = (
        PaymentEventQuantity.objects.filter(event__order=order, event__event_type__code=REFUND_CODE)
        .values("line_id")
        .annotate(n=Sum("quantity"))
    )
    return {row["line_id"]: row["n"] for row in rows}


def _nothing_paid_message(order) -> str:
    if order.payment_method == PaymentMethod.COD:
        return _("Đơn thu tiền khi giao chưa được giao: chưa thu tiền nên chưa có gì để hoàn.")
    if order.payment_method == PaymentMethod.VIETQR:
        return _("Chưa nhận được tiền chuyển khoản của đơn này: chưa có gì để hoàn.")
    return _("Đơn này chưa được thanh toán: chưa có gì để hoàn.")


def refund(
    *,
    order,
    lines: dict[int, int] | None = None,
    amount: Decimal | None = None,
    expected_refunded: Decimal | None = None,
) -> RefundResult:
    """Refund ``lines`` ({line id: units}), or ``amount``, or (neither) everything left."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        source = _source(locked)
        if source is None:
            raise RefundError(_nothing_paid_message(locked))
        if expected_refunded is not None and source.amount_refunded != expected_refunded:
            raise RefundError(
                _(
                    "Đơn %(no)s vừa được hoàn tiền (có thể do bấm hai lần): đã hoàn %(done)s. "
                    "Không hoàn thêm; hãy xem lại trước khi làm tiếp."
                )
                % {"no": locked.number, "done": vnd(source.amount_refunded)}
            )
        paid = paid_amount(locked, source)
        left = paid - source.amount_refunded
        if paid <= 0:
            raise RefundError(_nothing_paid_message(locked))
        quantities = {}
        if lines:
            owned = {line.pk: line for line in locked.lines.all()}
            already = refunded_quantities(locked)
            total = Decimal(0)
            for line_id, units in lines.items():
                line = owned.get(int(line_id))
                if line is None or int(units) <= 0:
                    raise RefundError(_("Dòng hàng hoặc số lượng không hợp lệ."))
                units = int(units)
                if units > line.quantity - already.get(line.pk, 0):
                    raise RefundError(
                        _("“%(title)s”: chỉ còn %(n)s sản phẩm chưa hoàn tiền.")
                        % {"title": line.title, "n": line.quantity - already.get(line.pk, 0)}
                    )
                quantities[line.pk] = units
                total += line.unit_price_incl_tax * units
            amount = total
        elif amount is None:
            # Everything left: the event names every unit not refunded yet.
            amount = left
            already = refunded_quantities(locked)
            quantities = {
                line.pk: line.quantity - already.get(line.pk, 0)
                for line in locked.lines.all()
                if line.quantity > already.get(line.pk, 0)
            }
        amount = Decimal(amount)
        if amount <= 0 or amount > left:
            raise RefundError(
                _(
                    "Không thể hoàn %(amount)s: chỉ còn tối đa %(left)s có thể hoàn "
                    "(đã trả %(paid)s)."
                )
                % {"amount": vnd(amount), "left": vnd(max(left, Decimal(0))), "paid": vnd(paid)}
            )
        by_transfer = locked.payment_method != PaymentMethod.STRIPE
        reference = ""
        if not by_transfer:
            from . import stripe_gateway

            try:
                result = stripe_gateway.client().refunds.create(
                    params={
                        "payment_intent": source.reference,
                        "amount": stripe_gateway.vnd_amount(amount),
                    },
                    options={
                        "idempotency_key": f"refund-{locked.number}-{int(source.amount_refunded)}"
                    },
                )
            except stripe.StripeError as error:
                raise RefundError(
                    _("Stripe từ chối hoàn tiền: %(reason)s. Chưa ghi nhận gì.")
                    % {"reason": error.user_message or str(error)}
                ) from error
            reference = result.id
        source.refund(amount, reference=reference)
        event = PaymentEvent.objects.create(
            order=locked,
            event_type=event_type(REFUND_CODE, REFUND_NAME),
            amount=amount,
            reference=reference or _("chuyển khoản lại cho khách"),
        )
        for line_id, units in quantities.items():
            event.line_quantities.create(line_id=line_id, quantity=units)
        locked.payment_state = (
            PaymentState.REFUNDED
            if source.amount_refunded >= paid
            else PaymentState.PARTLY_REFUNDED
        )
        locked.save(update_fields=["payment_state"])
        titles = {line.pk: line.title for line in locked.lines.all()}
        listed = [(titles[pk], units) for pk, units in quantities.items()]
        transaction.on_commit(
            lambda: send_refund_email(
                order=locked, amount=amount, lines=listed, by_bank_transfer=by_transfer
            )
        )
    order.refresh_from_db()
    return RefundResult(amount=amount, reference=reference, by_bank_transfer=by_transfer)


def send_refund_email(*, order, amount: Decimal, lines: list, by_bank_transfer: bool) -> None:
    """Tell the shopper what was refunded and how the money comes back."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    if not order.email:
        return
    send_mail(
        subject=_("Đơn hàng %(no)s: Chợ OCOP đã hoàn tiền") % {"no": order.number},
        message=render_to_string(
            "payments/email/refunded.txt",
            {
                "order": order,
                "amount": amount,
                "lines": lines,
                "by_bank_transfer": by_bank_transfer,
            },
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[order.email],
    )

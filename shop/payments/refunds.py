"""Refunds, full or per line, for every payment method; the one place that decides how much
may still go back to the shopper.

- Card (Stripe): a ``RefundAttempt`` committed first, then a Stripe refund of the amount in
  zero-decimal VND under the attempt's idempotency key, then the Oscar records (see
  ``refund``: a refund Stripe made is never lost, never made twice).
- VietQR transfer and cash on delivery: nothing to call; the refund is recorded and staff
  send the money back by bank transfer.

Never more than was paid: the amount is bounded by what the order's payment source took
(less earlier refunds), and a line by the units bought less the units already refunded.
Double submits are caught by ``expected_refunded``: the refunded total the staff member saw
when the form was drawn; if it moved in between, nothing happens.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

import stripe
from django.db import DatabaseError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.order import statuses
from shop.order.models import PaymentMethod, PaymentState, RefundAttempt, RefundAttemptStatus

from .services import event_type, vnd

Order = get_model("order", "Order")
Line = get_model("order", "Line")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")

logger = logging.getLogger(__name__)

REFUND_CODE = "refund"
REFUND_NAME = "Hoàn tiền"


class RefundError(ValueError):
    pass


@dataclass(frozen=True)
class RefundResult:
    amount: Decimal
    reference: str
    by_bank_transfer: bool  # True: staff must send the money back themselves


def _source(order, *, lock: bool = True):
    """The payment source of the order's payment method (row-locked unless ``lock=False``)."""
    sources = order.sources.select_for_update() if lock else order.sources.all()
    return sources.filter(source_type__code=order.payment_method).first()


def paid_amount(order, source) -> Decimal:
    """What the shopper has actually paid on this order."""
    if source is None:
        return Decimal(0)
    if order.payment_method == PaymentMethod.COD:
        # The courier collects the money on delivery.
        return source.amount_allocated if order.status == statuses.DELIVERED else Decimal(0)
    return source.amount_debited


def refundable(order) -> Decimal:
    source = _source(order, lock=False)
    if source is None:
        return Decimal(0)
    return max(paid_amount(order, source) - source.amount_refunded, Decimal(0))


def refunded_total(order) -> Decimal:
    source = _source(order, lock=False)
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


@dataclass(frozen=True)
class _Plan:
    amount: Decimal
    quantities: dict[int, int]
    paid: Decimal


def refund_key(*, order_number: str, refunded_before: Decimal) -> str:
    """One refund per order and refunded total staff saw: a retry of the same form (the
    total did not move because the write failed) gets the same key, a later refund a new one."""
    return f"refund-{order_number}-{int(refunded_before)}"


def refund(
    *,
    order,
    lines: dict[int, int] | None = None,
    amount: Decimal | None = None,
    expected_refunded: Decimal | None = None,
) -> RefundResult:
    """Refund ``lines`` ({line id: units}), or ``amount``, or (neither) everything left.

    Card orders go in three steps so that a refund Stripe made is never lost and never made
    twice: (1) a ``RefundAttempt`` is committed with the amount, the lines and an idempotency
    key; (2) Stripe is asked with that key (on a retry, a refund already carrying the key in
    its metadata is taken instead of asking again: localstripe ignores idempotency keys and
    Stripe forgets them after 24 hours); (3) the Oscar records are written and the attempt
    marked done, in one transaction. If (3) fails, the attempt stays pending and the next
    call for the order completes it (with the amount and lines it was started with).
    The transactions are durable: called inside another one, (1) would not be committed
    before Stripe is asked, so that is refused (RuntimeError)."""
    with transaction.atomic(durable=True):
        locked = Order.objects.select_for_update().get(pk=order.pk)
        source = _source(locked)
        if source is None:
            raise RefundError(_nothing_paid_message(locked))
        if locked.payment_method == PaymentMethod.STRIPE:
            pending = _pending_attempt(locked, source)
            if pending is not None:
                # A retry after the shop's write failed: the same request completes the
                # attempt; a different one only completes it and stops (see below).
                requested = _same_request(pending, locked, source, lines, amount, expected_refunded)
            else:
                _check_expected(locked, source, expected_refunded)
                plan = _plan(locked, source, lines=lines, amount=amount)
                pending = _start_attempt(locked, source, plan)
                requested = pending
        else:
            _check_expected(locked, source, expected_refunded)
            plan = _plan(locked, source, lines=lines, amount=amount)
            _record(locked, source, plan.amount, plan.quantities, paid=plan.paid, reference="")
            result = RefundResult(amount=plan.amount, reference="", by_bank_transfer=True)
    if locked.payment_method != PaymentMethod.STRIPE:
        order.refresh_from_db()
        return result

    # Committed: from here on the attempt survives a crash.
    attempt = pending
    reference = _ask_stripe(attempt, source.reference, order_number=locked.number)
    try:
        with transaction.atomic(durable=True):
            locked = Order.objects.select_for_update().get(pk=order.pk)
            attempt = RefundAttempt.objects.select_for_update().get(pk=attempt.pk)
            if attempt.status == RefundAttemptStatus.PENDING:
                source = _source(locked)
                _record(
                    locked,
                    source,
                    attempt.amount,
                    {int(k): v for k, v in attempt.lines.items()},
                    paid=paid_amount(locked, source),
                    reference=reference,
                )
                attempt.status = RefundAttemptStatus.DONE
                attempt.stripe_refund_id = reference
                attempt.save(update_fields=["status", "stripe_refund_id", "updated_at"])
    except DatabaseError as error:
        logger.exception("refund %s made at Stripe (%s) but not recorded", attempt.key, reference)
        raise RefundError(
            _(
                "Stripe đã hoàn %(amount)s (mã %(ref)s) nhưng cửa hàng chưa ghi nhận được. "
                "Hãy bấm hoàn tiền lại: lần sau chỉ ghi nhận khoản này, không hoàn hai lần."
            )
            % {"amount": vnd(attempt.amount), "ref": reference}
        ) from error
    order.refresh_from_db()
    if requested is None:
        # This call completed an earlier attempt instead of starting its own: say so rather
        # than refund again on a figure staff have not seen.
        raise RefundError(
            _(
                "Lần hoàn tiền trước của đơn %(no)s (%(amount)s, mã %(ref)s) chưa được ghi "
                "nhận; nay đã ghi nhận xong. Không hoàn thêm; hãy xem lại trước khi làm tiếp."
            )
            % {"no": order.number, "amount": vnd(attempt.amount), "ref": reference}
        )
    return RefundResult(amount=attempt.amount, reference=reference, by_bank_transfer=False)


def complete_pending_refunds() -> int:
    """Complete every card refund left pending (the shop's write after Stripe's failed):
    for a scheduled job. Returns how many were completed."""
    done = 0
    for attempt in RefundAttempt.objects.filter(status=RefundAttemptStatus.PENDING):
        try:
            refund(order=attempt.order)
        except RefundError:
            pass  # completed and said so, or Stripe still not answering
        attempt.refresh_from_db()
        done += attempt.status == RefundAttemptStatus.DONE
    return done


def _check_expected(locked, source, expected_refunded) -> None:
    if expected_refunded is not None and source.amount_refunded != expected_refunded:
        raise RefundError(
            _(
                "Đơn %(no)s vừa được hoàn tiền (có thể do bấm hai lần): đã hoàn %(done)s. "
                "Không hoàn thêm; hãy xem lại trước khi làm tiếp."
            )
            % {"no": locked.number, "done": vnd(source.amount_refunded)}
        )


def _plan(locked, source, *, lines, amount) -> _Plan:
    """Check the request against what was paid and refunded; nothing is written."""
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
            _("Không thể hoàn %(amount)s: chỉ còn tối đa %(left)s có thể hoàn (đã trả %(paid)s).")
            % {"amount": vnd(amount), "left": vnd(max(left, Decimal(0))), "paid": vnd(paid)}
        )
    return _Plan(amount=amount, quantities=quantities, paid=paid)


def _same_request(pending, locked, source, lines, amount, expected_refunded):
    try:
        _check_expected(locked, source, expected_refunded)
        plan = _plan(locked, source, lines=lines, amount=amount)
    except RefundError:
        return None
    same = plan.amount == pending.amount and {str(k): v for k, v in plan.quantities.items()} == {
        str(k): v for k, v in pending.lines.items()
    }
    return pending if same else None


def _pending_attempt(locked, source):
    key = refund_key(order_number=locked.number, refunded_before=source.amount_refunded)
    return (
        RefundAttempt.objects.select_for_update()
        .filter(order=locked, key=key, status=RefundAttemptStatus.PENDING)
        .first()
    )


def _start_attempt(locked, source, plan: _Plan):
    key = refund_key(order_number=locked.number, refunded_before=source.amount_refunded)
    lines = {str(k): v for k, v in plan.quantities.items()}
    refused = RefundAttempt.objects.select_for_update().filter(key=key).first()
    if refused is not None:
        # Stripe refused an earlier round with this key (it replays a stored error for the
        # same key): a new round, a new idempotency key.
        rounds = refused.stripe_key.count("-r") + 1
        refused.stripe_key = f"{key}-r{rounds}"
        refused.amount = plan.amount
        refused.lines = lines
        refused.status = RefundAttemptStatus.PENDING
        refused.error = ""
        refused.save()
        return refused
    return RefundAttempt.objects.create(
        order=locked, key=key, stripe_key=key, amount=plan.amount, lines=lines
    )


def _ask_stripe(attempt, payment_intent: str, *, order_number: str) -> str:
    """The Stripe refund for ``attempt``: the one already made under its key, else a new one."""
    from . import stripe_gateway

    gateway = stripe_gateway.client()
    try:
        for existing in gateway.v1.refunds.list(
            params={"payment_intent": payment_intent, "limit": 100}
        ).auto_paging_iter():
            metadata = existing.metadata.to_dict() if existing.metadata else {}
            if metadata.get("ocop_refund_key") == attempt.stripe_key:
                return existing.id
        result = gateway.v1.refunds.create(
            params={
                "payment_intent": payment_intent,
                "amount": stripe_gateway.vnd_amount(attempt.amount),
                "metadata": {"ocop_refund_key": attempt.stripe_key, "order_number": order_number},
            },
            options={"idempotency_key": attempt.stripe_key},
        )
    except (stripe.APIConnectionError, stripe.APIError) as error:
        # No answer, or Stripe's own failure: the refund may or may not exist. The attempt
        # stays pending; the next try finds it or makes it, with the same key.
        raise RefundError(
            _(
                "Không rõ Stripe đã hoàn tiền hay chưa (%(reason)s). Hãy thử lại: lần sau "
                "dùng cùng mã nên không hoàn hai lần."
            )
            % {"reason": error.user_message or str(error)}
        ) from error
    except stripe.StripeError as error:
        RefundAttempt.objects.filter(pk=attempt.pk).update(
            status=RefundAttemptStatus.FAILED, error=str(error)[:2000]
        )
        raise RefundError(
            _("Stripe từ chối hoàn tiền: %(reason)s. Chưa ghi nhận gì.")
            % {"reason": error.user_message or str(error)}
        ) from error
    return result.id


def _record(locked, source, amount: Decimal, quantities: dict, *, paid: Decimal, reference: str):
    """The Oscar records of a refund: the source's refunded total, a payment event with its
    lines, the order's payment state, and the shopper's e-mail after the commit."""
    by_transfer = not reference
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
        PaymentState.REFUNDED if source.amount_refunded >= paid else PaymentState.PARTLY_REFUNDED
    )
    locked.save(update_fields=["payment_state"])
    titles = {line.pk: line.title for line in locked.lines.all()}
    listed = [(titles[pk], units) for pk, units in quantities.items()]
    transaction.on_commit(
        lambda: send_refund_email(
            order=locked, amount=amount, lines=listed, by_bank_transfer=by_transfer
        )
    )


def send_refund_email(*, order, amount: Decimal, lines: list, by_bank_transfer: bool) -> None:
    """Tell the shopper what was refunded and how the money comes back."""
    from django.conf import settings
    from django.template.loader import render_to_string

    from shop.background import send_mail_later

    if not order.email:
        return
    send_mail_later(
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

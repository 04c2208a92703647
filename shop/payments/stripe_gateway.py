"""Card payments with Stripe PaymentIntents in VND, and the state transitions around them.

VND is zero-decimal: 350.000 ₫ is ``amount=350000``. One ``StripeAttempt`` per order number:
  start    reserve the stock, create the PaymentIntent (idempotency key derived from the
           attempt; an attempt that already has an intent reuses it, as localstripe ignores
           idempotency keys and the shop must not depend on them), return the intent;
  fulfil   the intent succeeded (shopper's return or ``payment_intent.succeeded`` webhook,
           whichever comes first): place the order once, under a row lock on the attempt;
  fail     the intent failed or was abandoned: release the stock, reopen the basket.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal

import stripe
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from shop.order.models import (
    PaymentMethod,
    PaymentState,
    StripeAttempt,
    StripeAttemptStatus,
    StripeEvent,
)
from shop.order.utils import LinesCannotBeSold, release_stock, reserve_stock

from .services import paid_event_type

logger = logging.getLogger("shop.payments")

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
PaymentEvent = get_model("order", "PaymentEvent")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")


class CardDeclined(Exception):
    pass


class SoldOutAfterPayment(Exception):
    """The money came in after the attempt had released its stock, and the stock is gone
    now: the payment was refunded in full and no order was placed."""


def client() -> stripe.StripeClient:
    base = settings.STRIPE_API_BASE or stripe.DEFAULT_API_BASE
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": base},
        max_network_retries=0,
    )


def vnd_amount(total: Decimal) -> int:
    """Zero-decimal: the number of đồng, never ×100."""
    if total != total.to_integral_value():
        raise ValueError("VND amounts have no minor unit")
    return int(total)


def idempotency_key(*, order_number: str, amount: int) -> str:
    return f"ocop-order-{order_number}-{amount}"


def start(
    *,
    basket,
    order_number: str,
    amount: int,
    payment_method: str,
    submission: dict,
    return_url: str,
):
    """Reserve stock and create (or reuse) the PaymentIntent. Returns (attempt, intent).

    With ``payment_method`` (a PaymentMethod id from the browser) the intent is confirmed at
    once; without it the intent waits for Stripe.js's Payment Element to confirm it with its
    client secret. The same submit again reuses the attempt's intent; a new submit after a
    failed attempt (declined, 3-D Secure failed or abandoned) starts a new round with a new
    intent and idempotency key, and reserves the stock again.
    Raises ``LinesCannotBeSold`` (nothing reserved) or ``CardDeclined`` (stock released)."""
    key = idempotency_key(order_number=order_number, amount=amount)
    with transaction.atomic():
        attempt = (
            StripeAttempt.objects.select_for_update().filter(order_number=order_number).first()
        )
        if attempt is None:
            attempt = StripeAttempt.objects.create(
                order_number=order_number,
                basket_id=basket.pk,
                amount=amount,
                idempotency_key=key,
                submission=submission,
            )
        elif attempt.status == StripeAttemptStatus.FAILED:
            rounds = int(attempt.submission.get("round", 0)) + 1
            attempt.status = StripeAttemptStatus.STARTED
            attempt.intent_id = None
            attempt.amount = amount
            attempt.idempotency_key = f"{key}-r{rounds}"
            attempt.submission = {**submission, "round": rounds}
        elif attempt.intent_id:
            # The same submit again: never a second PaymentIntent.
            return attempt, client().payment_intents.retrieve(attempt.intent_id)
        if not attempt.stock_reserved:
            attempt.submission = {**attempt.submission, "reserved": reserve_stock(basket)}
            attempt.stock_reserved = True
        attempt.save()
    params = {
        "amount": amount,
        "currency": "vnd",
        "metadata": {"order_number": order_number, "basket_id": str(basket.pk)},
    }
    if payment_method:
        params.update(payment_method=payment_method, confirm=True)
        if not settings.STRIPE_API_BASE:
            # Stripe sends the shopper back here after 3-D Secure (localstripe has no such
            # parameter; it leaves the intent in requires_action).
            params["return_url"] = return_url
    else:
        params["payment_method_types"] = ["card"]  # the Payment Element confirms it
    try:
        intent = client().payment_intents.create(
            params=params, options={"idempotency_key": attempt.idempotency_key}
        )
    except stripe.CardError as error:
        fail(attempt=attempt)
        raise CardDeclined(
            _("Thẻ bị từ chối: %(reason)s. Chưa có khoản tiền nào bị trừ.")
            % {"reason": error.user_message or error.code or ""}
        ) from error
    StripeAttempt.objects.filter(pk=attempt.pk).update(intent_id=intent.id)
    attempt.intent_id = intent.id
    return attempt, intent


def abandon(*, attempt, intent) -> bool:
    """The shopper came back without paying (3-D Secure failed or given up, or the payment
    page left): cancel the intent so an old tab cannot still charge it, release the stock,
    reopen the basket. False when the attempt was already settled."""
    if intent.status in (
        "requires_payment_method",
        "requires_confirmation",
        "requires_action",
        "requires_capture",
    ):
        try:
            client().payment_intents.cancel(intent.id)
        except stripe.InvalidRequestError:
            logger.warning("could not cancel %s (status %s)", intent.id, intent.status)
    return fail(attempt=attempt)


def fail(*, attempt) -> bool:
    """Release what the attempt reserved and reopen its basket. False if already settled."""
    with transaction.atomic():
        locked = StripeAttempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.status != StripeAttemptStatus.STARTED:
            return False
        if locked.stock_reserved:
            release_stock(locked.submission.get("reserved", []))
            locked.stock_reserved = False
        locked.status = StripeAttemptStatus.FAILED
        locked.save(update_fields=["status", "stock_reserved", "updated_at"])
        Basket.objects.filter(pk=locked.basket_id, status=Basket.FROZEN).update(status=Basket.OPEN)
    return True


def fulfil(*, attempt, intent) -> tuple[object, bool]:
    """Place the order for a succeeded intent, once. Returns (order, created_now).

    If the attempt had already released its stock (it failed or was abandoned, yet the
    money came in), the stock is taken again; when it is gone, or the basket changed since,
    the payment is refunded in full and ``SoldOutAfterPayment`` raised: no order."""
    if intent.status != "succeeded" or intent.amount != attempt.amount or intent.currency != "vnd":
        raise ValueError(f"intent {intent.id} cannot fulfil attempt {attempt.pk}")
    with transaction.atomic():
        locked = StripeAttempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.status == StripeAttemptStatus.FULFILLED:
            return Order.objects.get(number=locked.order_number), False
        refunded = locked.submission.get("refunded_whole")
        order = None
        if not refunded:
            try:
                with transaction.atomic():
                    if not locked.stock_reserved and not _reserve_again(locked):
                        raise _CannotPlace("sold out after the attempt released its stock")
                    order = _place(locked, intent)
            except _CannotPlace as problem:
                _refund_whole(intent, reason=str(problem))
                locked.refresh_from_db()
                locked.status = StripeAttemptStatus.FAILED
                locked.submission = {**locked.submission, "refunded_whole": intent.id}
                locked.save(update_fields=["status", "submission", "updated_at"])
                refunded = True
        if order is not None:
            locked.status = StripeAttemptStatus.FULFILLED
            locked.save(update_fields=["status", "updated_at"])
            return order, True
    raise SoldOutAfterPayment(
        _(
            "Sản phẩm vừa hết hàng hoặc giỏ hàng đã thay đổi trong lúc thanh toán nên đơn chưa "
            "được tạo; toàn bộ số tiền đã được hoàn lại vào thẻ của bạn."
        )
    )


class _CannotPlace(Exception):
    pass


def _reserve_again(attempt) -> bool:
    """The attempt had released its stock (failed or abandoned) but the money came in after
    all: take the stock again for placement. False when it is no longer there."""
    basket, _user = _basket_of(attempt)
    try:
        reserved = reserve_stock(basket)
    except LinesCannotBeSold:
        return False
    attempt.submission = {**attempt.submission, "reserved": reserved}
    attempt.stock_reserved = True
    attempt.status = StripeAttemptStatus.STARTED
    attempt.save(update_fields=["submission", "stock_reserved", "status", "updated_at"])
    return True


def _refund_whole(intent, *, reason: str):
    logger.warning("refunding %s in full: %s", intent.id, reason)
    client().refunds.create(
        params={"payment_intent": intent.id, "amount": intent.amount},
        options={"idempotency_key": f"refund-whole-{intent.id}"},
    )


def _basket_of(attempt):
    """The attempt's basket, priced by the strategy of the shopper who submitted it (None:
    a guest). Returns (basket, user)."""
    from django.contrib.auth import get_user_model

    Selector = get_class("partner.strategy", "Selector")
    user = None
    if attempt.submission.get("user_id"):
        user = get_user_model().objects.filter(pk=attempt.submission["user_id"]).first()
    basket = Basket.objects.get(pk=attempt.basket_id)
    basket.strategy = Selector().strategy(user=user)
    return basket, user


def _place(attempt, intent):
    from shop.shipping.methods import ProducerShipping

    OrderCreator = get_class("order.utils", "OrderCreator")
    OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
    data = attempt.submission
    basket, user = _basket_of(attempt)
    address = ShippingAddress(**data["shipping_address"])
    address.save()
    method = ProducerShipping(to_province=address.province_code)
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    if vnd_amount(total.incl_tax) != attempt.amount:
        raise _CannotPlace(f"attempt {attempt.pk}: basket total changed since payment started")
    order_kwargs = dict(data.get("order_kwargs", {}))
    order = OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=charge,
        user=user if user is not None else _anonymous(),
        shipping_address=address,
        order_number=attempt.order_number,
        stock_reserved=True,
        payment_method=PaymentMethod.STRIPE,
        payment_state=PaymentState.PAID,
        paid_at=timezone.now(),
        **order_kwargs,
    )
    source_type, _created = SourceType.objects.get_or_create(
        code="stripe", defaults={"name": PaymentMethod.STRIPE.label}
    )
    Source.objects.create(
        order=order,
        source_type=source_type,
        currency="VND",
        amount_allocated=total.incl_tax,
        amount_debited=total.incl_tax,
        reference=intent.id,
    )
    event = PaymentEvent.objects.create(
        order=order, event_type=paid_event_type(), amount=total.incl_tax, reference=intent.id
    )
    for line in order.lines.all():
        event.line_quantities.create(line=line, quantity=line.quantity)
    transaction.on_commit(lambda: _emails(order))
    return order


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def _emails(order):
    from shop.checkout.notifications import send_order_emails

    send_order_emails(order=order, request=None)


# ------------------------------------------------------------------------------ webhook


def handle_webhook(*, payload: bytes, signature: str) -> str:
    """Verify, de-duplicate and apply one webhook delivery. Returns what was done; raises
    ``stripe.SignatureVerificationError`` / ``ValueError`` for forged or malformed ones."""
    event = stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    with transaction.atomic():
        _seen, created = StripeEvent.objects.get_or_create(
            event_id=event["id"], defaults={"type": event["type"]}
        )
    if not created:
        return "duplicate"
    data = event["data"]["object"]
    if event["type"] == "payment_intent.succeeded":
        attempt = StripeAttempt.objects.filter(intent_id=data["id"]).first()
        if attempt is None:
            return "unknown intent"
        intent = client().payment_intents.retrieve(data["id"])  # trust Stripe, not the body
        try:
            _order, placed = fulfil(attempt=attempt, intent=intent)
        except SoldOutAfterPayment:
            return "refunded"
        return "placed" if placed else "already placed"
    if event["type"] == "payment_intent.payment_failed":
        # With the Payment Element the shopper may still try another card on the same
        # intent, so its stock stays reserved until the intent is cancelled (the shopper
        # leaves, 3-D Secure fails on return, or release_abandoned after 30 minutes).
        attempt = StripeAttempt.objects.filter(intent_id=data["id"]).first()
        if attempt is None:
            return "ignored"
        intent = client().payment_intents.retrieve(data["id"])
        if intent.status == "canceled" and fail(attempt=attempt):
            return "released"
        return "awaiting retry"
    return "ignored"


# ------------------------------------------------------------------------------ refunds


def refund(*, order, amount: Decimal | None = None, lines: dict | None = None) -> object:
    """Refund ``amount`` (default: what is left) of a paid card order; see
    ``shop.payments.refunds`` (bounded by what was paid, Oscar payment events)."""
    from . import refunds

    result = refunds.refund(order=order, amount=amount, lines=lines)
    return client().refunds.retrieve(result.reference)


def release_abandoned(*, older_than_minutes: int = 30) -> int:
    """Card attempts still open after ``older_than_minutes``: ask Stripe once more, place the
    order if the money came in after all, otherwise cancel the intent and release the stock."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    released = 0
    for attempt in StripeAttempt.objects.filter(
        status=StripeAttemptStatus.STARTED, updated_at__lt=cutoff
    ):
        if attempt.intent_id:
            intent = client().payment_intents.retrieve(attempt.intent_id)
            if intent.status == "succeeded":
                try:
                    fulfil(attempt=attempt, intent=intent)
                except SoldOutAfterPayment:
                    released += 1  # refunded in full, stock already back
                continue
            if intent.status not in ("canceled",):
                client().payment_intents.cancel(attempt.intent_id)
        released += fail(attempt=attempt)
    return released

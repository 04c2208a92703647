"""Card payments against a real localstripe server on loopback, through stripe-python."""

import json
import time
from datetime import timedelta
from decimal import Decimal

import pytest
import stripe
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from shop.order.models import StripeAttempt
from shop.payments import stripe_gateway

from .conftest import options

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db


def to_preview(client, checkout, *items):
    checkout(*items)
    response = client.post(reverse("checkout:preview"), options(payment_method="stripe"))
    assert response.status_code == 302, response.context["options_form"].errors


def pay(client, pm="pm_card_visa"):
    return client.post(
        reverse("checkout:preview"), {"action": "place_order", "payment_method_id": pm}
    )


def signed(event: dict, secret="whsec_test_secret"):  # noqa: S107
    payload = json.dumps(event)
    header = stripe.WebhookSignature._compute_signature(f"{int(time.time())}.{payload}", secret)
    return payload, f"t={int(time.time())},v1={header}"


def post_webhook(client, event, secret="whsec_test_secret"):  # noqa: S107
    payload, header = signed(event, secret)
    return client.generic(
        "POST",
        reverse("checkout:stripe-webhook"),
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


def succeeded_event(intent_id, event_id="evt_1"):
    return {
        "id": event_id,
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": intent_id, "object": "payment_intent"}},
    }


def test_card_payment_in_vnd_zero_decimal_places_paid_order(
    client, checkout, products, stripe_settings, django_capture_on_commit_callbacks
):
    tea, cake = products
    to_preview(client, checkout, (tea, 1), (cake, 1))
    with django_capture_on_commit_callbacks(execute=True):
        response = pay(client)
    assert any(m.to == ["khach.test@example.vn"] for m in mail.outbox)
    assert response.status_code == 302 and response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.payment_method == "stripe" and order.payment_state == "paid"
    attempt = StripeAttempt.objects.get()
    intent = stripe_gateway.client().payment_intents.retrieve(attempt.intent_id)
    assert intent.currency == "vnd"
    # Tea 30.000 ₫ (same region, under 500.000 ₫), cake 48.000 ₫ (elsewhere, 1,6 kg).
    assert intent.amount == int(order.total_incl_tax) == 350000 + 120000 + 30000 + 48000  # not ×100
    assert order.sources.get().reference == intent.id
    assert tea.stockrecords.get().num_allocated == 1  # reserved once, not again at placement


def test_same_submit_twice_gives_one_intent_and_one_order(
    client, checkout, products, stripe_settings
):
    tea, _ = products
    to_preview(client, checkout, (tea, 1))
    basket = Basket.objects.get()
    pay(client)
    pay(client)  # the double click
    assert Order.objects.count() == 1
    # Even if the same attempt is started again (a retry racing the first), no new intent.
    attempt = StripeAttempt.objects.get()
    again, intent = stripe_gateway.start(
        basket=basket,
        order_number=attempt.order_number,
        amount=attempt.amount,
        payment_method="pm_card_visa",
        submission={},
        return_url="http://testserver/",
    )
    assert again.pk == attempt.pk and intent.id == attempt.intent_id
    assert StripeAttempt.objects.count() == 1


def test_declined_card_leaves_no_order_and_keeps_the_basket(
    client, checkout, products, stripe_settings
):
    tea, _ = products
    to_preview(client, checkout, (tea, 1))
    response = pay(client, pm="pm_card_chargeCustomerFail")
    assert response.status_code == 200
    assert "Thẻ bị từ chối" in response.content.decode()
    assert Order.objects.count() == 0
    assert StripeAttempt.objects.get().status == "failed"
    assert tea.stockrecords.get().num_allocated == 0  # reservation released
    basket = Basket.objects.get()
    assert basket.status == Basket.OPEN and basket.num_items == 1


def _started_attempt(client, checkout, product):
    """Payment succeeded at Stripe, but neither the return nor the webhook has come yet."""
    to_preview(client, checkout, (product, 1))
    basket = Basket.objects.get()
    view_submission = {
        "shipping_address": {
            "first_name": "Nguyễn Thị Hoa",
            "line1": "12 Phố Hàng Bông",
            "line3": "Phường Hoàn Kiếm",
            "line4": "Thành phố Hà Nội",
            "province_code": "01",
            "ward_code": "00070",
            "notes": "",
            "country_id": "VN",
            "phone_number": "+84912345678",
        },
        "order_kwargs": {"guest_email": "khach.test@example.vn", "data_consent_at": None},
        "user_id": None,
    }
    from .placement import Selector

    basket.strategy = Selector().strategy()
    basket.freeze()
    from shop.shipping.methods import ProducerShipping

    charge = ProducerShipping(to_province="01").calculate(basket).incl_tax
    amount = int(basket.total_incl_tax + charge)
    return stripe_gateway.start(
        basket=basket,
        order_number="200001",
        amount=amount,
        payment_method="pm_card_visa",
        submission=view_submission,
        return_url="http://testserver/",
    )


def test_webhook_before_the_return_places_once(
    client, checkout, products, stripe_settings, django_capture_on_commit_callbacks
):
    tea, _ = products
    attempt, intent = _started_attempt(client, checkout, tea)
    assert intent.status == "succeeded" and Order.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = post_webhook(client, succeeded_event(intent.id))
    assert response.status_code == 200 and response.content == b"placed"
    assert Order.objects.get().number == "200001"
    back = client.get(reverse("checkout:stripe-return"), {"payment_intent": intent.id})
    assert back["Location"] == reverse("checkout:thank-you")
    assert Order.objects.count() == 1
    assert tea.stockrecords.get().num_allocated == 1
    # The same delivery again, and a new event about the same intent: nothing more.
    assert post_webhook(client, succeeded_event(intent.id)).content == b"duplicate"
    assert post_webhook(client, succeeded_event(intent.id, "evt_2")).content == b"already placed"
    assert Order.objects.count() == 1
    notices = [m for m in mail.outbox if m.to == ["khach.test@example.vn"]]
    assert len(notices) == 1


def test_return_without_webhook_places_the_order(client, checkout, products, stripe_settings):
    tea, _ = products
    attempt, intent = _started_attempt(client, checkout, tea)
    back = client.get(reverse("checkout:stripe-return"), {"payment_intent": intent.id})
    assert back["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.payment_state == "paid" and order.total_incl_tax == attempt.amount


def test_forged_and_unknown_webhooks_are_refused_or_ignored(
    client, checkout, products, stripe_settings
):
    tea, _ = products
    _attempt, intent = _started_attempt(client, checkout, tea)
    forged = post_webhook(client, succeeded_event(intent.id), secret="whsec_attacker")
    assert forged.status_code == 400
    assert Order.objects.count() == 0
    unknown = post_webhook(
        client, {"id": "evt_x", "type": "customer.created", "data": {"object": {"id": "cus_1"}}}
    )
    assert unknown.status_code == 200 and unknown.content == b"ignored"
    assert Order.objects.count() == 0


def test_full_and_partial_refunds_never_exceed_the_payment(
    client, checkout, products, stripe_settings
):
    tea, cake = products
    to_preview(client, checkout, (tea, 1), (cake, 1))
    pay(client)
    order = Order.objects.get()
    cake_line = order.lines.get(product=cake)
    refund = stripe_gateway.refund(order=order, amount=Decimal("120000"), lines={cake_line.pk: 1})
    assert refund.amount == 120000 and refund.currency == "vnd"
    source = order.sources.get()
    assert source.amount_refunded == Decimal("120000")
    with pytest.raises(ValueError):
        stripe_gateway.refund(order=order, amount=order.total_incl_tax)  # more than is left
    stripe_gateway.refund(order=order)  # the rest
    order.refresh_from_db()
    assert order.payment_state == "refunded"
    assert order.payment_events.filter(event_type__code="refund").count() == 2
    with pytest.raises(ValueError):
        stripe_gateway.refund(order=order, amount=Decimal("1"))


def test_abandoned_payment_releases_its_stock(client, checkout, producers, stripe_settings):
    from django.core.management import call_command

    from tests.factories import sellable_product

    honey = sellable_product(title="Mật ong hoa nhãn", price=200000, stock=3, producer=producers[0])
    to_preview(client, checkout, (honey, 2))
    basket = Basket.objects.get()
    from .placement import Selector

    basket.strategy = Selector().strategy()
    basket.freeze()
    attempt = StripeAttempt.objects.create(
        order_number="300001",
        basket_id=basket.pk,
        amount=400000,
        idempotency_key="ocop-order-300001-400000",
        stock_reserved=True,
        submission={"reserved": [[honey.stockrecords.get().pk, 2]]},
    )
    honey.stockrecords.get().allocate(2)
    StripeAttempt.objects.filter(pk=attempt.pk).update(
        updated_at=attempt.created_at - timedelta(hours=1)
    )
    call_command("release_abandoned_payments", "--minutes", "30")
    attempt.refresh_from_db()
    assert attempt.status == "failed"
    assert honey.stockrecords.get().num_allocated == 0
    assert Basket.objects.get(pk=basket.pk).status == Basket.OPEN
    assert Order.objects.count() == 0

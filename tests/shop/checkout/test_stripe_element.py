"""Stripe Payment Element and 3-D Secure, against localstripe on loopback.

No network here, so the browser half (Stripe.js) is checked on the rendered page; what
Stripe.js would do (attach the card and confirm, or authenticate 3-D Secure) is done with
real API calls to localstripe, then the shopper's return goes through the server."""

import json
import urllib.parse
import urllib.request

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.order.models import StripeAttempt
from shop.payments import stripe_gateway

from .conftest import options
from .test_stripe import post_webhook, succeeded_event

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

RETURN = "http://testserver" + "/shop/checkout/stripe/return/"


@pytest.fixture
def element_settings(stripe_settings):
    stripe_settings.STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    return stripe_settings


def to_card_page(client, checkout, *items):
    checkout(*items)
    response = client.post(reverse("checkout:preview"), options(payment_method="stripe"))
    assert response.status_code == 302
    preview = client.get(reverse("checkout:preview")).content.decode()
    assert "card-element" not in preview  # no Card Element any more
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def three_ds_card(number="4000002760003184"):
    return stripe_gateway.client().payment_methods.create(
        params={
            "type": "card",
            "card": {"number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123"},
        }
    )


def authenticate(intent, *, success: bool):
    """What the bank's 3-D Secure page does, on localstripe."""
    from django.conf import settings

    body = urllib.parse.urlencode(
        {"client_secret": intent.client_secret, "success": "true" if success else "false"}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - loopback localstripe
        f"{settings.STRIPE_API_BASE}/v1/payment_intents/{intent.id}/_authenticate",
        data=body,
        headers={"Authorization": f"Bearer {settings.STRIPE_SECRET_KEY}"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return json.loads(response.read())


def test_payment_element_page_mounts_with_the_intents_client_secret(
    client, checkout, products, element_settings
):
    tea, cake = products
    response = to_card_page(client, checkout, (tea, 1), (cake, 1))
    assert response.status_code == 200
    html = response.content.decode()
    attempt = StripeAttempt.objects.get()
    intent = stripe_gateway.client().payment_intents.retrieve(attempt.intent_id)
    assert intent.status == "requires_payment_method" and intent.amount == attempt.amount
    assert '<script src="https://js.stripe.com/v3/"></script>' in html
    assert "checkout/stripe-pay" in html  # our script: elements + confirmPayment
    assert 'data-publishable-key="pk_test_localstripe"' in html
    assert f'data-client-secret="{intent.client_secret}"' in html
    assert f'data-return-url="{RETURN}"' in html
    assert 'id="payment-element"' in html and 'data-mode="element"' in html
    assert "Thanh toán 548.000" in html  # 470.000 ₫ goods + 78.000 ₫ shipping, whole đồng
    assert Order.objects.count() == 0
    assert tea.stockrecords.get().num_allocated == 1  # reserved while the shopper types
    # The same submit again shows the same intent.
    again = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert f'data-client-secret="{intent.client_secret}"' in again.content.decode()
    assert StripeAttempt.objects.count() == 1


def test_script_uses_payment_element_and_confirm_payment():
    from pathlib import Path

    from django.conf import settings

    script = (Path(settings.BASE_DIR) / "static/checkout/stripe-pay.js").read_text()
    assert 'elements.create("payment"' in script and "clientSecret: d.clientSecret" in script
    assert "stripe.confirmPayment" in script and "return_url: d.returnUrl" in script
    assert "handleNextAction" in script


def test_confirmed_in_the_browser_then_return_places_the_order_once(
    client, checkout, products, element_settings, django_capture_on_commit_callbacks
):
    tea, _ = products
    to_card_page(client, checkout, (tea, 1))
    attempt = StripeAttempt.objects.get()
    api = stripe_gateway.client()
    # What stripe.confirmPayment does with the Payment Element's card:
    api.payment_intents.update(attempt.intent_id, params={"payment_method": "pm_card_visa"})
    api.payment_intents.confirm(attempt.intent_id)
    with django_capture_on_commit_callbacks(execute=True):
        back = client.get(
            reverse("checkout:stripe-return"),
            {"payment_intent": attempt.intent_id, "redirect_status": "succeeded"},
        )
    assert back["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.payment_state == "paid" and int(order.total_incl_tax) == attempt.amount
    assert post_webhook(client, succeeded_event(attempt.intent_id, "evt_pe")).content == (
        b"already placed"
    )
    assert Order.objects.count() == 1


def test_leaving_the_card_page_releases_the_stock_and_keeps_the_basket(
    client, checkout, products, element_settings
):
    tea, _ = products
    html = to_card_page(client, checkout, (tea, 2)).content.decode()
    attempt = StripeAttempt.objects.get()
    cancel = f"{reverse('checkout:stripe-return')}?payment_intent={attempt.intent_id}"
    assert cancel in html
    back = client.get(cancel)
    assert back["Location"] == reverse("basket:summary")
    attempt.refresh_from_db()
    assert attempt.status == "failed" and Order.objects.count() == 0
    assert tea.stockrecords.get().num_allocated == 0
    intent = stripe_gateway.client().payment_intents.retrieve(attempt.intent_id)
    assert intent.status == "canceled"  # an old tab cannot charge it any more
    basket = Basket.objects.get()
    assert basket.status == Basket.OPEN and basket.num_items == 2


def test_someone_else_cannot_abandon_a_payment(client, checkout, products, element_settings):
    from django.test import Client

    tea, _ = products
    to_card_page(client, checkout, (tea, 1))
    attempt = StripeAttempt.objects.get()
    Client().get(reverse("checkout:stripe-return"), {"payment_intent": attempt.intent_id})
    attempt.refresh_from_db()
    assert attempt.status == "started"


# ------------------------------------------------------------------------ 3-D Secure


def card_needing_3ds(client, checkout, products):
    tea, _ = products
    checkout((tea, 1))
    client.post(reverse("checkout:preview"), options(payment_method="stripe"))
    pm = three_ds_card()
    response = client.post(
        reverse("checkout:preview"), {"action": "place_order", "payment_method_id": pm.id}
    )
    attempt = StripeAttempt.objects.get()
    intent = stripe_gateway.client().payment_intents.retrieve(attempt.intent_id)
    assert intent.status == "requires_action"
    return response, attempt, intent


@pytest.mark.parametrize("number", ["4000002760003184", "4000000000003220"])
def test_3ds_success_places_the_order_only_after_authentication(
    client, checkout, products, element_settings, number
):
    tea, _ = products
    checkout((tea, 1))
    client.post(reverse("checkout:preview"), options(payment_method="stripe"))
    pm = three_ds_card(number)
    response = client.post(
        reverse("checkout:preview"), {"action": "place_order", "payment_method_id": pm.id}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-mode="next_action"' in html and "3-D Secure" in html
    assert Order.objects.count() == 0  # not before the bank says yes
    attempt = StripeAttempt.objects.get()
    intent = stripe_gateway.client().payment_intents.retrieve(attempt.intent_id)
    assert f'data-client-secret="{intent.client_secret}"' in html
    authenticate(intent, success=True)
    back = client.get(reverse("checkout:stripe-return"), {"payment_intent": intent.id})
    assert back["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.payment_state == "paid"
    assert tea.stockrecords.get().num_allocated == 1


def test_3ds_failed_leaves_no_order_and_keeps_the_basket(
    client, checkout, products, element_settings
):
    tea, _ = products
    _response, attempt, intent = card_needing_3ds(client, checkout, products)
    assert tea.stockrecords.get().num_allocated == 1
    authenticate(intent, success=False)
    back = client.get(reverse("checkout:stripe-return"), {"payment_intent": intent.id}, follow=True)
    assert back.redirect_chain[0][0] == reverse("basket:summary")
    assert "3-D Secure" in back.content.decode() and "vẫn còn nguyên" in back.content.decode()
    assert Order.objects.count() == 0
    attempt.refresh_from_db()
    assert attempt.status == "failed"
    assert tea.stockrecords.get().num_allocated == 0
    basket = Basket.objects.get()
    assert basket.status == Basket.OPEN and basket.num_items == 1


def test_3ds_abandoned_then_paid_with_another_card(
    client, checkout, products, element_settings, django_capture_on_commit_callbacks
):
    tea, _ = products
    _response, attempt, intent = card_needing_3ds(client, checkout, products)
    # Back without finishing 3-D Secure: the intent is cancelled, nothing is sold.
    back = client.get(reverse("checkout:stripe-return"), {"payment_intent": intent.id})
    assert back["Location"] == reverse("basket:summary")
    assert stripe_gateway.client().payment_intents.retrieve(intent.id).status == "canceled"
    assert Order.objects.count() == 0 and tea.stockrecords.get().num_allocated == 0
    # A late success event for the abandoned intent places nothing.
    post_webhook(client, succeeded_event(intent.id, "evt_late"))
    assert Order.objects.count() == 0
    # The shopper tries again with a card that needs no authentication: a new intent.
    client.post(reverse("checkout:preview"), options(payment_method="stripe"))
    with django_capture_on_commit_callbacks(execute=True):
        paid = client.post(
            reverse("checkout:preview"),
            {"action": "place_order", "payment_method_id": "pm_card_visa"},
        )
    assert paid["Location"] == reverse("checkout:thank-you")
    attempt.refresh_from_db()
    assert attempt.intent_id != intent.id and attempt.status == "fulfilled"
    assert Order.objects.get().sources.get().reference == attempt.intent_id
    assert tea.stockrecords.get().num_allocated == 1


# ------------------------------------------------------- money after the stock was released


def test_failed_payment_webhook_keeps_the_stock_while_the_shopper_can_retry(
    client, checkout, products, element_settings
):
    tea, _ = products
    to_card_page(client, checkout, (tea, 1))
    attempt = StripeAttempt.objects.get()
    event = {
        "id": "evt_failed_1",
        "type": "payment_intent.payment_failed",
        "data": {"object": {"id": attempt.intent_id, "object": "payment_intent"}},
    }
    assert post_webhook(client, event).content == b"awaiting retry"
    attempt.refresh_from_db()
    assert attempt.status == "started" and tea.stockrecords.get().num_allocated == 1


def _paid_after_release(client, checkout, tea):
    to_card_page(client, checkout, (tea, 1))
    attempt = StripeAttempt.objects.get()
    stripe_gateway.fail(attempt=attempt)  # e.g. released while the bank took its time
    assert tea.stockrecords.get().num_allocated == 0
    api = stripe_gateway.client()
    api.payment_intents.update(attempt.intent_id, params={"payment_method": "pm_card_visa"})
    api.payment_intents.confirm(attempt.intent_id)
    return attempt


def test_money_after_release_takes_the_stock_again_and_places_the_order(
    client, checkout, products, element_settings
):
    tea, _ = products
    attempt = _paid_after_release(client, checkout, tea)
    back = client.get(reverse("checkout:stripe-return"), {"payment_intent": attempt.intent_id})
    assert back["Location"] == reverse("checkout:thank-you")
    assert Order.objects.get().payment_state == "paid"
    assert tea.stockrecords.get().num_allocated == 1


def test_money_after_release_when_sold_out_is_refunded_whole(
    client, checkout, products, element_settings
):
    tea, _ = products
    attempt = _paid_after_release(client, checkout, tea)
    tea.stockrecords.update(num_in_stock=0)  # somebody else bought the last units
    back = client.get(
        reverse("checkout:stripe-return"), {"payment_intent": attempt.intent_id}, follow=True
    )
    assert "đã được hoàn lại" in back.content.decode()
    assert Order.objects.count() == 0
    refunds = [
        r
        for r in stripe_gateway.client().refunds.list(params={"limit": 100}).data
        if r.payment_intent == attempt.intent_id
    ]
    assert [r.amount for r in refunds] == [attempt.amount]
    # The webhook arriving afterwards refunds nothing more.
    assert post_webhook(client, succeeded_event(attempt.intent_id, "evt_so")).content == (
        b"refunded"
    )
    assert (
        len(
            [
                r
                for r in stripe_gateway.client().refunds.list(params={"limit": 100}).data
                if r.payment_intent == attempt.intent_id
            ]
        )
        == 1
    )

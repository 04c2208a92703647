"""In headless Chromium on a phone: a guest buys two products from two producers as a gift
for someone in another province and pays cash on delivery. The order and both producers'
notices exist, each notice with only its own lines."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from oscar.core.loading import get_model
from playwright.sync_api import expect

from shop.ocop.rules import today
from tests.factories import ProducerFactory, sellable_product
from tests.shop.checkout.conftest import localstripe  # noqa: F401  (fixture)

from .steps import add_to_basket, checkout_as_guest, fill_address

Order = get_model("order", "Order")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def two_producers():
    """Tea from Thái Nguyên and fish sauce from Phú Quốc, each producer with its e-mail."""
    tea_farm = ProducerFactory(
        name="HTX Chè Tân Cương", province_code="19", email="che@example.vn", lead_time_days=2
    )
    fish_sauce = ProducerFactory(
        name="Cơ sở Nước mắm Phú Quốc", province_code="91", email="nuocmam@example.vn"
    )
    tea = sellable_product(title="Chè búp Tân Cương", price=350000, producer=tea_farm)
    sauce = sellable_product(title="Nước mắm Phú Quốc 40 độ đạm", price=180000, producer=fish_sauce)
    return tea_farm, fish_sauce, tea, sauce


def test_guest_gift_two_producers_cash_on_delivery(
    live_server, open_page, screenshot, two_producers
):
    tea_farm, fish_sauce, tea, sauce = two_producers
    page = open_page(375)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    add_to_basket(page, live_server, tea, sauce)

    checkout_as_guest(page, live_server, "chau.gai@example.vn")
    fill_address(  # Đà Nẵng
        page, name="Trần Thị Bà", phone="0987 654 321", province_code="48", street="25 Trần Phú"
    )
    screenshot(page, "checkout-address-375")
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("heading", name="Thanh toán và quà tặng")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Gửi từ HTX Chè Tân Cương")).to_be_visible()
    expect(page.get_by_text("Gửi từ Cơ sở Nước mắm Phú Quốc")).to_be_visible()
    page.locator("input[name=payment_method][value=cod]").check()
    page.locator("input[name=is_gift]").check()
    page.fill("textarea[name=gift_message]", "Chúc bà mạnh khỏe, sống lâu trăm tuổi!")
    page.locator("input[name=hide_prices]").check()
    page.fill("input[name=preferred_delivery_date]", (today() + timedelta(days=5)).isoformat())
    page.locator("input[name=data_consent]").check()
    screenshot(page, "checkout-options-375")
    page.get_by_role("button", name="Xem lại đơn hàng").click()

    expect(page.get_by_role("heading", name="Xem lại đơn hàng")).to_be_visible()
    screenshot(page, "checkout-preview-375")
    page.get_by_role("button", name="Đặt hàng").click()

    expect(page.get_by_role("heading", name="Cảm ơn bạn đã đặt hàng")).to_be_visible(timeout=30_000)
    screenshot(page, "checkout-thank-you-375")
    number = page.locator("[data-order-number]").inner_text()
    order = Order.objects.get(number=number)
    assert order.payment_method == "cod" and order.is_gift and order.hide_prices
    assert order.gift_message == "Chúc bà mạnh khỏe, sống lâu trăm tuổi!"
    assert order.shipping_address.province_code == "48"
    assert str(order.shipping_address.phone_number) == "+84987654321"
    assert {line.partner_id for line in order.lines.all()} == {tea_farm.pk, fish_sauce.pk}
    assert len(order.shipping_breakdown) == 2

    notices = {m.to[0]: m for m in mail.outbox if "đơn hàng mới" in m.subject}
    assert set(notices) == {"che@example.vn", "nuocmam@example.vn"}
    assert "Chè búp" in notices["che@example.vn"].body
    assert "Nước mắm" not in notices["che@example.vn"].body
    assert "Nước mắm Phú Quốc" in notices["nuocmam@example.vn"].body
    assert "Chè búp" not in notices["nuocmam@example.vn"].body
    assert any(m.to == ["chau.gai@example.vn"] for m in mail.outbox)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert errors == []
    assert re.fullmatch(r"\d+", number)


def test_basket_shows_shipping_per_producer_for_the_chosen_province(
    live_server, open_page, screenshot, two_producers
):
    _tea_farm, _fish_sauce, tea, sauce = two_producers
    page = open_page(375)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    add_to_basket(page, live_server, tea, sauce)
    page.goto(f"{live_server.url}/shop/basket/")
    expect(page.locator(".basket-shipping__later")).to_contain_text("tính ở bước giao hàng")
    expect(page.locator(".shipping-unknown")).to_contain_text("tính ở bước giao hàng")
    page.select_option("#basket-province", "48")  # Đà Nẵng; the page reloads by itself
    expect(page.locator(".basket-shipment")).to_have_count(3)  # two producers and the total
    expect(page.get_by_text("Gửi từ HTX Chè Tân Cương")).to_be_visible()
    expect(page.get_by_text("Gửi từ Cơ sở Nước mắm Phú Quốc")).to_be_visible()
    expect(page.locator(".basket-shipment--total")).to_contain_text("Thành phố Đà Nẵng")
    expect(page.locator(".shipping-unknown")).to_have_count(0)  # the totals now include it
    expect(page.locator(".basket-shipment--total")).to_contain_text(re.compile(r"\d+\.000\s₫"))
    screenshot(page, "basket-shipping-375")
    # Remembered: another visit shows the same province.
    page.goto(f"{live_server.url}/shop/basket/")
    expect(page.locator("#basket-province")).to_have_value("48")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert errors == []


# Stripe.js cannot load here (no network): this stand-in records what our page asks of it
# and, like Stripe after confirmPayment, sends the browser to the return_url with the intent.
STRIPE_JS_STUB = """
window.__stripe = {calls: []};
window.Stripe = function (key, options) {
  __stripe.calls.push(["Stripe", key]);
  return {
    elements: function (opts) {
      __stripe.calls.push(["elements", opts.clientSecret]);
      return {create: function (type) {
        __stripe.calls.push(["create", type]);
        return {mount: function (selector) {
          __stripe.calls.push(["mount", selector]);
          document.querySelector(selector).innerHTML = '<p data-stub-element>Thẻ (Stripe)</p>';
        }};
      }};
    },
    confirmPayment: function (args) {
      var url = args.confirmParams.return_url;
      __stripe.calls.push(["confirmPayment", url]);
      var intent = document.getElementById("stripe-payment-form").dataset.intent;
      window.location.assign(url + "?payment_intent=" + intent + "&redirect_status=succeeded");
      return new Promise(function () {});
    },
  };
};
"""


def test_card_payment_through_the_payment_element(
    live_server,
    open_page,
    screenshot,
    localstripe,  # noqa: F811  (the fixture imported above)
    settings,
):
    settings.STRIPE_SECRET_KEY = "sk_test_localstripe"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    settings.STRIPE_API_BASE = localstripe
    farm = ProducerFactory(name="HTX Chè Tân Cương", province_code="19")
    tea = sellable_product(title="Chè búp Tân Cương", price=350000, producer=farm)
    page = open_page(375)
    page.route(
        "https://js.stripe.com/v3/",
        lambda route: route.fulfill(body=STRIPE_JS_STUB, content_type="text/javascript"),
    )
    add_to_basket(page, live_server, tea)
    checkout_as_guest(page, live_server, "the.quoc.te@example.com")
    fill_address(
        page, name="Lê Văn Nam", phone="0912 345 678", province_code="01", street="8 Hàng Bài"
    )
    page.get_by_role("button", name="Tiếp tục").click()
    page.locator("input[name=payment_method][value=stripe]").check()
    page.locator("input[name=data_consent]").check()
    page.get_by_role("button", name="Xem lại đơn hàng").click()
    page.get_by_role("button", name="Đặt hàng").click()

    expect(page.get_by_role("heading", name="Thanh toán bằng thẻ")).to_be_visible()
    expect(page.locator("[data-stub-element]")).to_be_visible()
    form = page.locator("#stripe-payment-form")
    secret = form.get_attribute("data-client-secret")
    intent_id = form.get_attribute("data-intent")
    calls = page.evaluate("window.__stripe.calls")
    assert calls == [
        ["Stripe", "pk_test_localstripe"],
        ["elements", secret],
        ["create", "payment"],
        ["mount", "#payment-element"],
    ]
    assert secret.startswith(intent_id + "_secret_")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "checkout-card-375")

    # What Stripe does when the shopper confirms: the card is attached and charged.
    from shop.payments import stripe_gateway

    api = stripe_gateway.client()
    api.payment_intents.update(intent_id, params={"payment_method": "pm_card_visa"})
    api.payment_intents.confirm(intent_id)
    page.get_by_role("button", name=re.compile("Thanh toán")).click()
    expect(page.get_by_role("heading", name="Cảm ơn bạn đã đặt hàng")).to_be_visible(timeout=30_000)
    assert page.evaluate("window.__stripe") is None  # a new page: the return was followed
    number = page.locator("[data-order-number]").inner_text()
    order = Order.objects.get(number=number)
    assert order.payment_method == "stripe" and order.payment_state == "paid"
    assert order.sources.get().reference == intent_id

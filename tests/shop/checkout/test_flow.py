"""Guest and signed-in checkout through Oscar's flow with Vietnamese addresses, gift options,
per-producer shipping, cash on delivery and VietQR, and the e-mails that follow."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from shop.ocop.rules import today

from .conftest import add_to_basket, options, place

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_guest_buys_gift_from_two_producers_cash_on_delivery(client, checkout, products):
    tea, cake = products
    checkout((tea, 2), (cake, 1))
    day = today() + timedelta(days=6)
    response = place(
        client,
        is_gift="on",
        gift_message="Chúc mừng sinh nhật bà nội! Con cháu ở Sài Gòn.",
        hide_prices="on",
        preferred_delivery_date=day.isoformat(),
        marketing_consent="",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("checkout:thank-you")

    order = Order.objects.get()
    assert order.payment_method == "cod" and order.payment_state == "on_delivery"
    assert order.is_gift and order.hide_prices
    assert order.gift_message.startswith("Chúc mừng sinh nhật bà nội")
    assert order.preferred_delivery_date == day
    assert order.data_consent_at is not None and order.marketing_consent is False
    address = order.shipping_address
    assert str(address.phone_number) == "+84912345678"
    assert address.province_code == "01" and address.line4 == "Thành phố Hà Nội"
    assert address.line3 and address.ward_code
    # Hà Nội from Bắc Ninh is the same region, from Hồ Chí Minh City elsewhere.
    breakdown = {row["partner_name"]: row for row in order.shipping_breakdown}
    assert breakdown["HTX Gà Đông Tảo"]["zone"] == "same_region"
    assert breakdown["Cơ sở Bánh pía Sài Gòn"]["zone"] == "elsewhere"
    assert Decimal(breakdown["HTX Gà Đông Tảo"]["charge"]) == Decimal("0")  # 700.000 ₫ ≥ 500.000 ₫
    # 1,6 kg elsewhere: 40.000 ₫ first kg + 8.000 ₫ for the started second kilogram.
    assert Decimal(breakdown["Cơ sở Bánh pía Sài Gòn"]["charge"]) == Decimal("48000")
    assert order.shipping_incl_tax == Decimal("48000")
    assert order.total_incl_tax == Decimal("2") * 350000 + 120000 + 48000

    page = client.get(reverse("checkout:thank-you"))
    assert order.number in page.content.decode()

    by_recipient = {tuple(m.to): m for m in mail.outbox}
    shopper = by_recipient[("khach.test@example.vn",)]
    assert order.number in shopper.subject and "Chè búp Tân Cương" in shopper.body
    tea_notice = by_recipient[("gadongtao@example.vn",)]
    cake_notice = by_recipient[("banhpia@example.vn",)]
    assert "Chè búp Tân Cương" in tea_notice.body and "Bánh pía" not in tea_notice.body
    assert "Bánh pía sầu riêng" in cake_notice.body and "Chè búp" not in cake_notice.body
    assert "Chúc mừng sinh nhật bà nội" in cake_notice.alternatives[0][0]
    # Stock is allocated once per unit sold.
    tea.stockrecords.get().refresh_from_db()
    assert tea.stockrecords.get().num_allocated == 2


def test_placing_twice_gives_one_order(client, checkout, products):
    tea, _cake = products
    checkout((tea, 1))
    first = place(client)
    second = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert first.status_code == 302
    assert second.status_code == 302
    assert Order.objects.count() == 1
    assert tea.stockrecords.get().num_allocated == 1


def test_phone_and_ward_are_validated(client, checkout, products, address):
    tea, _ = products
    add_to_basket(client, tea)
    client.post(reverse("checkout:index"), {"username": "a@example.vn", "options": "anonymous"})
    bad = client.post(
        reverse("checkout:shipping-address"),
        {**address, "phone_number": "0123 456", "ward_code": "99999"},
    )
    assert bad.status_code == 200
    errors = bad.context["form"].errors
    assert "phone_number" in errors and "ward_code" in errors
    # A ward of another province is refused too.
    from shop.addresses import wards

    other = wards("79")[0].code
    wrong = client.post(reverse("checkout:shipping-address"), {**address, "ward_code": other})
    assert "ward_code" in wrong.context["form"].errors


def test_no_javascript_province_choice_lists_its_wards(client, products, address):
    tea, _ = products
    add_to_basket(client, tea)
    client.post(reverse("checkout:index"), {"username": "a@example.vn", "options": "anonymous"})
    response = client.post(
        reverse("checkout:shipping-address"), {"province_code": "48", "choose_province": "1"}
    )
    assert response.status_code == 200
    from shop.addresses import wards

    html = response.content.decode()
    assert wards("48")[0].name in html
    assert not response.context["form"].errors


def test_ward_endpoint_follows_the_province(client):
    from shop.addresses import wards

    data = client.get(reverse("checkout:wards"), {"province": "01"}).json()
    assert [w["code"] for w in data["wards"]] == [w.code for w in wards("01")]
    assert client.get(reverse("checkout:wards"), {"province": "zz"}).json() == {"wards": []}


def test_delivery_date_respects_lead_time_and_past(client, checkout, products):
    tea, cake = products
    checkout((tea, 1), (cake, 1))
    too_soon = today() + timedelta(days=3)  # the Sài Gòn producer needs 4 days
    response = client.post(
        reverse("checkout:preview"), options(preferred_delivery_date=too_soon.isoformat())
    )
    assert response.status_code == 200
    assert "preferred_delivery_date" in response.context["options_form"].errors
    past = today() - timedelta(days=1)
    response = client.post(
        reverse("checkout:preview"), options(preferred_delivery_date=past.isoformat())
    )
    assert "quá khứ" in str(response.context["options_form"].errors)


def test_consent_is_required_and_marketing_unticked(client, checkout, products):
    tea, _ = products
    checkout((tea, 1))
    page = client.get(reverse("checkout:payment-details"))
    html = page.content.decode()
    assert 'name="marketing_consent"' in html
    assert 'name="marketing_consent" checked' not in html
    response = client.post(reverse("checkout:preview"), {"payment_method": "cod"})
    assert "data_consent" in response.context["options_form"].errors
    assert Order.objects.count() == 0


def test_gift_message_is_length_limited(client, checkout, products):
    tea, _ = products
    checkout((tea, 1))
    response = client.post(
        reverse("checkout:preview"), options(is_gift="on", gift_message="x" * 301)
    )
    assert "gift_message" in response.context["options_form"].errors


def test_signed_in_shopper_address_goes_to_the_address_book(client, products, address):
    from oscar.test.factories import UserFactory

    user = UserFactory(email="thanh@example.vn")
    client.force_login(user)
    tea, _ = products
    add_to_basket(client, tea)
    response = client.post(reverse("checkout:shipping-address"), address)
    assert response.status_code == 302
    client.get(reverse("checkout:shipping-method"))
    assert place(client).status_code == 302
    order = Order.objects.get()
    assert order.user == user
    saved = user.addresses.get()
    assert saved.province_code == "01" and saved.line4 == "Thành phố Hà Nội"
    # Next time the saved address is offered.
    add_to_basket(client, tea)
    page = client.get(reverse("checkout:shipping-address"))
    assert "Giao đến địa chỉ này" in page.content.decode()


def test_payment_details_page_query_count(
    client, checkout, products, django_assert_max_num_queries
):
    tea, cake = products
    checkout((tea, 1), (cake, 1))
    with django_assert_max_num_queries(60):
        response = client.get(reverse("checkout:payment-details"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gửi từ HTX Gà Đông Tảo" in html and "Gửi từ Cơ sở Bánh pía Sài Gòn" in html

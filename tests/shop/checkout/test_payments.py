"""VietQR transfer: the QR carries the exact amount and the order number; staff mark it paid
once. Shipping rates: by weight and zone, free above a threshold. Packing slip."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model
from vietnam_qr_pay.qr_pay import QRPay

from shop.address.forms import normalise_vn_mobile
from shop.payments import services as payments
from shop.shipping.charges import rate_charge, zone_between
from shop.shipping.models import ZoneRate

from .conftest import place

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_vietqr_order_shows_code_with_amount_and_note_then_staff_mark_paid(
    client, checkout, products, admin_client
):
    tea, _ = products
    checkout((tea, 1))
    place(client, payment_method="vietqr")
    order = Order.objects.get()
    assert order.payment_state == "pending"

    decoded = QRPay(payments.vietqr_payload(order=order))
    assert decoded.is_valid
    assert decoded.amount == str(int(order.total_incl_tax))
    assert decoded.additional_data.purpose == f"OCOP {order.number}"

    html = client.get(reverse("checkout:thank-you")).content.decode()
    assert 'src="data:image/png;base64,' in html
    assert f"OCOP {order.number}" in html
    shopper_mail = next(m for m in mail.outbox if m.to == [order.email])
    assert f"OCOP {order.number}" in shopper_mail.body
    assert "data:image/png;base64," in shopper_mail.alternatives[0][0]

    response = admin_client.post(
        reverse("admin:order_order_changelist"),
        {"action": "mark_transfer_received", "_selected_action": [order.pk]},
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.payment_state == "paid" and order.paid_at is not None
    assert order.payment_events.count() == 1
    # A second mark is a no-op.
    assert payments.mark_transfer_received(order=order) is False
    assert order.payment_events.count() == 1
    assert order.sources.get().amount_debited == order.total_incl_tax


def test_cash_order_cannot_be_marked_as_transfer(client, checkout, products):
    tea, _ = products
    checkout((tea, 1))
    place(client)
    with pytest.raises(ValueError):
        payments.mark_transfer_received(order=Order.objects.get())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0388.123.456", "0388123456"),
    ],
)
def test_vietnamese_mobile_numbers_are_normalised(raw, expected):
    assert normalise_vn_mobile(raw) == expected


@pytest.mark.parametrize("raw", ["0212345678", "091234567", "+1 212 555 0100", "abc"])
def test_non_mobile_numbers_are_refused(raw):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        normalise_vn_mobile(raw)


def test_zones_and_rates():
    assert zone_between(from_province="24", to_province="24") == "same_province"
    assert zone_between(from_province="24", to_province="01") == "same_region"
    assert zone_between(from_province="79", to_province="01") == "elsewhere"
    rate = ZoneRate.objects.get(zone="elsewhere")  # 40.000 + 8.000/kg, free from 800.000
    assert rate_charge(rate, weight_kg=Decimal("0.8"), goods_total=Decimal("100000")) == 40000
    assert rate_charge(rate, weight_kg=Decimal("2.1"), goods_total=Decimal("100000")) == 56000
    assert rate_charge(rate, weight_kg=Decimal("9"), goods_total=Decimal("800000")) == 0


def test_staff_edit_rates_and_checkout_follows(client, checkout, products):
    ZoneRate.objects.filter(zone="elsewhere").update(first_kg=Decimal("99000"), free_above=None)
    _tea, cake = products
    checkout((cake, 1))
    place(client)
    assert Order.objects.get().shipping_incl_tax == Decimal("99000") + Decimal("8000")


def test_packing_slip_prints_gift_message_and_hides_prices(
    client, checkout, products, admin_client
):
    tea, _ = products
    checkout((tea, 1))
    place(client, is_gift="on", gift_message="Tặng mẹ yêu", hide_prices="on")
    order = Order.objects.get()
    url = reverse("checkout:packing-slip", kwargs={"number": order.number})
    assert client.get(url).status_code == 302  # shoppers are sent to log in
    html = admin_client.get(url).content.decode()
    assert "Tặng mẹ yêu" in html
    assert "350.000" not in html and "Chè búp Tân Cương" in html

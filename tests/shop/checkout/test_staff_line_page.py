"""The staff's page for one order line lists its shipping events (with their reference) and
its payment events, each with the quantity of the line it covered, or says there are none."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory

from tests.factories import sellable_product
from tests.gifts_front.helpers import place_basket, squeeze

ShippingEvent = get_model("order", "ShippingEvent")
ShippingEventType = get_model("order", "ShippingEventType")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")

NO_SHIPPING = "Không có sự kiện giao hàng đã xảy ra."
NO_PAYMENT = "Không có sự kiện thanh toán đã xảy ra."

pytestmark = pytest.mark.django_db


@pytest.fixture
def line():
    product = sellable_product(title="Chè búp Tân Cương", price=350000)
    order = place_basket(UserFactory(), number="100002", adds=[(product, 2)])
    return order.lines.get()


def line_page(admin_client, line):
    url = reverse(
        "dashboard:order-line-detail", kwargs={"number": line.order.number, "line_id": line.pk}
    )
    response = admin_client.get(url)
    assert response.status_code == 200
    return squeeze(response.content.decode())


def test_no_events_yet(admin_client, line):
    text = line_page(admin_client, line)
    assert text.count(NO_SHIPPING) == 2  # the status table and the events table
    assert NO_PAYMENT in text


def test_shipping_and_payment_events_with_their_quantities(admin_client, line):
    shipped, _ = ShippingEventType.objects.get_or_create(code="gui-di", defaults={"name": "Gửi đi"})
    paid, _ = PaymentEventType.objects.get_or_create(code="da-tra", defaults={"name": "Đã trả"})
    shipping = ShippingEvent.objects.create(order=line.order, event_type=shipped, notes="VN123456")
    shipping.line_quantities.create(line=line, quantity=2)
    payment = PaymentEvent.objects.create(order=line.order, event_type=paid, amount=Decimal(700000))
    payment.line_quantities.create(line=line, quantity=1)
    text = line_page(admin_client, line)
    assert "Gửi đi 2 VN123456" in text
    assert "Đã trả 1" in text
    assert NO_SHIPPING not in text and NO_PAYMENT not in text

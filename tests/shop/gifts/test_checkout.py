"""A shopper checks out a gift set through the real checkout pages."""

# ruff: noqa: F811 - the checkout fixtures are imported, then requested by name

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.gifts.models import FulfilmentKind, OrderLineComponent
from shop.ocop.rules import today
from tests.factories import gift_set, sellable_product
from tests.shop.checkout.conftest import (  # noqa: F401 - fixtures
    _reference_rows,
    address,
    checkout,
    place,
    set_weight,
)

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def test_a_gift_with_rice_wine_inside_needs_an_adult_and_ships_from_the_packing_point(
    client, checkout, producers, tea
):
    wine = sellable_product(
        title="Rượu mơ Yên Tử", price=250000, producer=producers[1], subgroup="alcoholic"
    )
    set_weight(tea, 0.5)
    set_weight(wine, 1.2)
    gift = gift_set([(tea, 2), (wine, 1)], title="Giỏ quà Xuân", price=690000)
    checkout((gift, 2))

    html = client.get(reverse("checkout:payment-details")).content.decode()
    assert 'value="cod" disabled' in html
    assert 'name="date_of_birth"' in html

    adult = today().replace(year=today().year - 30)
    response = place(client, payment_method="vietqr", date_of_birth=adult.isoformat())
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.total_incl_tax >= 2 * 690000
    (breakdown,) = order.shipping_breakdown  # one shipment: from the packing point
    assert breakdown["partner_name"] == "Điểm tập kết quà tặng Chợ OCOP"
    assert Decimal(breakdown["weight_kg"]) == Decimal("4.4")  # (2 × 0.5 + 1.2) × 2
    rows = OrderLineComponent.objects.filter(line__order=order)
    assert {r.fulfilment for r in rows} == {FulfilmentKind.PACKING_POINT}
    assert StockRecord.objects.get(product=tea).num_allocated == 4
    assert StockRecord.objects.get(product=wine).num_allocated == 2


def test_a_set_whose_component_lapsed_during_checkout_is_taken_out(client, checkout, tea, sauce):
    gift = gift_set([(tea, 1), (sauce, 1)], title="Giỏ quà Xuân")
    checkout((gift, 1), (sauce, 1))
    tea.certificates.update(status="revoked")
    response = client.post(
        reverse("checkout:preview"), {"payment_method": "cod", "data_consent": "on"}
    )
    response = client.post(reverse("checkout:preview"), {"action": "place_order"}, follow=True)
    html = response.content.decode()
    assert "Giỏ quà Xuân" in html and "Chè búp Tân Cương" in html
    assert not Order.objects.exists()

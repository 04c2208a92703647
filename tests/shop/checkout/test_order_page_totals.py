"""The shopper's order page totals: the basket's and the shipping's, each with its discounts
(amount before, each discount, amount after) or as one figure when there are none."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory

from tests.factories import sellable_product
from tests.gifts_front.helpers import place_basket, squeeze

OrderDiscount = get_model("order", "OrderDiscount")

pytestmark = pytest.mark.django_db


def order_page(client, order):
    client.force_login(order.user)
    response = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert response.status_code == 200
    return squeeze(response.content.decode())


@pytest.fixture
def order():
    product = sellable_product(title="Chè búp Tân Cương", price=350000)
    return place_basket(UserFactory(), number="100001", adds=[(product, 1)])


def test_without_discounts_each_total_is_one_figure(client, order):
    text = order_page(client, order)
    assert "Tiền hàng 350.000 ₫" in text
    assert "Giảm giá" not in text


def test_discounts_are_listed_under_the_total_they_reduce(client, order):
    OrderDiscount.objects.create(
        order=order,
        category=OrderDiscount.BASKET,
        offer_name="Khuyến mãi Tết",
        amount=Decimal(50000),
    )
    OrderDiscount.objects.create(
        order=order,
        category=OrderDiscount.SHIPPING,
        offer_name="Miễn phí giao hàng",
        amount=Decimal(0),
    )
    order.total_incl_tax -= 50000
    order.save()
    text = order_page(client, order)
    basket = text.index("Giảm giá Khuyến mãi Tết - 50.000 ₫")
    shipping = text.index("Giảm giá Miễn phí giao hàng - 0 ₫")
    assert text.index("350.000 ₫") < basket < text.index("300.000 ₫") < shipping


def test_the_order_list_dates_orders_briefly_for_a_phone(client, order):
    """The list shows each order with a short Vietnamese date (dd/mm/yyyy hh:mm, not Oscar's
    long English-style date that pushed the table past a 375 px screen) and its total."""
    from django.utils import timezone

    client.force_login(order.user)
    response = client.get(reverse("customer:order-list"))
    assert response.status_code == 200
    text = squeeze(response.content.decode())
    placed = timezone.localtime(order.date_placed).strftime("%d/%m/%Y %H:%M")
    assert order.number in text and placed in text
    assert f"{int(order.total_incl_tax):,}".replace(",", ".") + " ₫" in text
    assert "table-responsive" in response.content.decode()

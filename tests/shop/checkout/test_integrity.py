"""Placement never sells what it should not: lapsed certificates, sold-out stock, alcohol."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.ocop.models import CertificateStatus
from shop.ocop.rules import today
from shop.shipping.models import PaymentSettings
from tests.factories import sellable_product

from .conftest import options, place

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db


def test_line_whose_certificate_lapsed_is_removed_not_sold(client, checkout, products):
    tea, cake = products
    checkout((tea, 1), (cake, 1))
    client.post(reverse("checkout:preview"), options())
    # The registry suspends the tea's certificate while the shopper reads the preview.
    tea.certificates.update(status=CertificateStatus.SUSPENDED, status_changed_on=today())
    response = client.post(reverse("checkout:preview"), {"action": "place_order"}, follow=True)
    assert Order.objects.count() == 0
    html = response.content.decode()
    assert "Chè búp Tân Cương" in html and "đã được bỏ khỏi giỏ hàng" in html
    basket = Basket.objects.get(status=Basket.OPEN)
    assert [line.product for line in basket.all_lines()] == [cake]
    assert tea.stockrecords.get().num_allocated in (0, None)


def test_last_unit_bought_elsewhere_is_not_oversold(client, checkout, producers):
    producer = producers[0]
    honey = sellable_product(title="Mật ong bạc hà", price=250000, stock=1, producer=producer)
    checkout((honey, 1))
    client.post(reverse("checkout:preview"), options())
    record = honey.stockrecords.get()
    record.num_allocated = 1  # another shopper just took it
    record.save()
    response = client.post(reverse("checkout:preview"), {"action": "place_order"}, follow=True)
    assert Order.objects.count() == 0
    assert "vừa hết hàng" in response.content.decode()
    record.refresh_from_db()
    assert record.num_allocated == 1


def test_alcohol_needs_an_adult_and_no_cash_on_delivery(client, checkout, producers):
    wine = sellable_product(
        title="Rượu mơ Yên Tử",
        price=300000,
        producer=producers[0],
        subgroup="alcoholic",
        group="drinks",
    )
    checkout((wine, 1))
    page = client.get(reverse("checkout:payment-details"))
    html = page.content.decode()
    assert 'value="cod" disabled' in html
    assert "44/2019/QH14" in html
    assert 'name="date_of_birth"' in html

    response = client.post(reverse("checkout:preview"), options())  # cod, no birth date
    errors = response.context["options_form"].errors
    assert "payment_method" in errors and "date_of_birth" in errors

    minor = today().replace(year=today().year - 17)
    response = client.post(
        reverse("checkout:preview"),
        options(payment_method="vietqr", date_of_birth=minor.isoformat()),
    )
    assert "18 tuổi" in str(response.context["options_form"].errors)

    adult = today().replace(year=today().year - 30)
    response = place(client, payment_method="vietqr", date_of_birth=adult.isoformat())
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.buyer_date_of_birth == adult and order.adult_confirmed_at is not None
    assert order.payment_method == "vietqr"


def test_cash_on_delivery_above_staff_limit_is_refused(client, checkout, products):
    settings_row = PaymentSettings.load()
    settings_row.cod_max_order_value = Decimal("500000")
    settings_row.save()
    tea, _ = products
    checkout((tea, 2))
    html = client.get(reverse("checkout:payment-details")).content.decode()
    assert 'value="cod" disabled' in html and "500.000" in html
    response = client.post(reverse("checkout:preview"), options())
    assert "payment_method" in response.context["options_form"].errors


def test_delivery_date_far_enough_is_accepted(client, checkout, products):
    tea, cake = products
    checkout((tea, 1), (cake, 1))
    day = today() + timedelta(days=4)
    assert place(client, preferred_delivery_date=day.isoformat()).status_code == 302
    assert Order.objects.get().preferred_delivery_date == day

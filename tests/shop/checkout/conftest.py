from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import ProducerFactory, sellable_product

ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")


def set_weight(product, kg: float):
    attribute, _ = ProductAttribute.objects.get_or_create(
        product_class=product.product_class,
        code="weight",
        defaults={"name": "Khối lượng (kg)", "type": ProductAttribute.FLOAT},
    )
    ProductAttributeValue.objects.update_or_create(
        product=product, attribute=attribute, defaults={"value_float": kg}
    )


@pytest.fixture(autouse=True)
def _reference_rows(request):
    """Rows the data migrations create (Việt Nam as shipping country, zone rates, payment
    settings), put back after a transactional test earlier in the run flushed them."""
    import importlib

    from django.apps import apps

    marker = request.node.get_closest_marker("django_db")
    if marker is None or marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("db")
    importlib.import_module("shop.address.migrations.0009_vietnam_shipping_country").add_vietnam(
        apps, None
    )
    importlib.import_module("shop.shipping.migrations.0005_default_zone_rates").add_rates(
        apps, None
    )


@pytest.fixture
def producers(db):
    bac_ninh = ProducerFactory(
        name="HTX Gà Đông Tảo",
        province_code="24",
        province_name="Bắc Ninh",
        email="gadongtao@example.vn",
        lead_time_days=2,
    )
    saigon = ProducerFactory(
        name="Cơ sở Bánh pía Sài Gòn",
        province_code="79",
        province_name="Thành phố Hồ Chí Minh",
        email="banhpia@example.vn",
        lead_time_days=4,
    )
    return bac_ninh, saigon


@pytest.fixture
def products(producers):
    bac_ninh, saigon = producers
    tea = sellable_product(title="Chè búp Tân Cương", price=350000, stock=5, producer=bac_ninh)
    cake = sellable_product(title="Bánh pía sầu riêng", price=120000, stock=5, producer=saigon)
    set_weight(tea, 0.5)
    set_weight(cake, 1.6)
    return tea, cake


def add_to_basket(client, product, quantity=1):
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
    assert response.status_code == 302, response


ADDRESS = {
    "first_name": "Nguyễn Thị Hoa",
    "phone_number": "+84 912 345 678",
    "province_code": "01",
    "ward_code": "",  # filled by the fixture
    "line1": "12 Phố Hàng Bông",
    "notes": "",
}


@pytest.fixture
def address():
    from shop.addresses import wards

    return {**ADDRESS, "ward_code": wards("01")[0].code}


@pytest.fixture
def checkout(client, address):
    """Walk a guest through to the options page; returns a function posting options."""

    def _go(*products_and_qty, email="khach.test@example.vn", addr=None):
        for product, quantity in products_and_qty:
            add_to_basket(client, product, quantity)
        response = client.post(
            reverse("checkout:index"), {"username": email, "options": "anonymous"}
        )
        assert response.status_code == 302, response.content[:500]
        response = client.post(reverse("checkout:shipping-address"), addr or address)
        assert response.status_code == 302, response.context["form"].errors
        response = client.get(reverse("checkout:shipping-method"))
        assert response["Location"] == reverse("checkout:payment-method")
        return client

    return _go


def options(**extra):
    data = {"payment_method": "cod", "data_consent": "on"}
    data.update(extra)
    return data


def place(client, **extra):
    response = client.post(reverse("checkout:preview"), options(**extra))
    assert response.status_code == 302, (
        getattr(response, "context", {}) and response.context["options_form"].errors
    )
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


__all__ = ["Decimal", "add_to_basket", "options", "place", "set_weight"]


@pytest.fixture(scope="session")
def localstripe(tmp_path_factory):
    """A real localstripe server on loopback for the whole session; yields its base URL."""
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    pickle_path = tmp_path_factory.mktemp("localstripe") / "store.pickle"
    script = Path(__file__).with_name("localstripe_server.py")
    process = subprocess.Popen(
        [sys.executable, str(script), str(port), str(pickle_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("localstripe did not start")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_settings(settings, localstripe):
    settings.STRIPE_SECRET_KEY = "sk_test_localstripe"
    settings.STRIPE_API_BASE = localstripe
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_secret"
    return settings

"""Two producers, each with a user, a product on sale, and one mixed order holding both."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from tests.factories import sellable_product

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
Selector = get_class("partner.strategy", "Selector")

PASSWORD = "mật-khẩu-đủ-dài-2026"


@dataclass
class Side:
    partner: object
    user: object
    product: object
    stockrecord: object


def make_side(django_user_model, *, name, email, title, price):
    from tests.factories import ProducerFactory

    partner = ProducerFactory(name=name)
    user = django_user_model.objects.create_user(username=email, email=email, password=PASSWORD)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    )
    partner.users.add(user)
    product = sellable_product(title=title, price=price, producer=partner)
    return Side(partner, user, product, product.stockrecords.get())


@pytest.fixture
def side_a(db, django_user_model):
    return make_side(
        django_user_model,
        name="Hợp tác xã Chè Tân Cương",
        email="a@example.vn",
        title="Chè búp Tân Cương",
        price=350000,
    )


@pytest.fixture
def side_b(db, django_user_model):
    return make_side(
        django_user_model,
        name="Cơ sở Nước mắm Cát Hải",
        email="b@example.vn",
        title="Nước mắm cốt Cát Hải",
        price=185000,
    )


def place_order(*items, user=None, email="khach@example.vn"):
    """items: (product, quantity). Goes through Oscar's OrderCreator (sends order_placed)."""
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product, quantity in items:
        basket.add_product(product, quantity)
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="VN", defaults={"name": "Việt Nam", "printable_name": "Việt Nam"}
    )
    address = ShippingAddress.objects.create(
        first_name="Lan",
        last_name="Nguyễn Thị",
        line1="Số 5 ngõ 12 phố Huế",
        line4="Phường Hai Bà Trưng, Thành phố Hà Nội",
        phone_number="+84912345678",
        country=country,
    )
    order = create_order(basket=basket, user=user, shipping_address=address, guest_email=email)
    return order


@pytest.fixture
def mixed_order(side_a, side_b):
    return place_order((side_a.product, 2), (side_b.product, 1))


@pytest.fixture
def client_a(client, side_a):
    client.force_login(side_a.user)
    return client

"""A shopper, a producer with a user and two products on sale, and the shopper's orders."""

import pytest
from oscar.test.factories import UserFactory

from tests.shop.producers.conftest import make_side, place_order

__all__ = ["place_order"]


@pytest.fixture
def shopper(db):
    return UserFactory(email="lan@example.vn", first_name="Lan", last_name="Nguyễn")


@pytest.fixture
def tea_farm(db, django_user_model):
    return make_side(
        django_user_model,
        name="Hợp tác xã Chè Tân Cương",
        email="che@example.vn",
        title="Chè búp Tân Cương",
        price=350000,
    )


@pytest.fixture
def fish_sauce_farm(db, django_user_model):
    return make_side(
        django_user_model,
        name="Cơ sở Nước mắm Cát Hải",
        email="mam@example.vn",
        title="Nước mắm cốt Cát Hải",
        price=185000,
    )


def deliver(order, *, status="Đã giao hàng", order_status=None):
    """Every line of ``order`` takes ``status``; the order ``order_status`` (else the same)."""
    order.lines.update(status=status)
    order.status = order_status or status
    order.save(update_fields=["status"])
    return order

"""Only a shopper whose own order line of the product was delivered may review it, once."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory

from shop.catalogue.reviews import rules
from shop.order import statuses
from shop.producers import services
from shop.producers.models import Shipment

from .conftest import deliver, place_order

ProductReview = get_model("reviews", "ProductReview")

pytestmark = pytest.mark.django_db

REACHABLE = [  # (line status, order status) pairs the pipelines can produce
    (statuses.PROCESSING, statuses.PROCESSING),
    (statuses.PACKED, statuses.PROCESSING),
    (statuses.SHIPPED, statuses.PARTLY_SHIPPED),
    (statuses.SHIPPED, statuses.SHIPPED),
    (statuses.CANCELLED, statuses.CANCELLED),
    (statuses.DELIVERED, statuses.PARTLY_SHIPPED),
    (statuses.DELIVERED, statuses.SHIPPED),
    (statuses.DELIVERED, statuses.DELIVERED),
    # a delivered line stays delivered when the rest of the order is cancelled
    (statuses.DELIVERED, statuses.CANCELLED),
]


@pytest.mark.parametrize(("line_status", "order_status"), REACHABLE)
def test_only_a_delivered_line_of_an_order_not_cancelled_entitles_a_review(
    shopper, tea_farm, line_status, order_status
):
    order = deliver(
        place_order((tea_farm.product, 1), user=shopper),
        status=line_status,
        order_status=order_status,
    )
    permission = rules.review_permission(user=shopper, product=tea_farm.product)
    expected = line_status == statuses.DELIVERED and order_status != statuses.CANCELLED
    assert permission.allowed is expected
    assert tea_farm.product.is_review_permitted(shopper) is expected
    if expected:
        assert permission.line == order.lines.get()
    else:
        assert permission.reason == rules.NOT_DELIVERED
        assert permission.line is None


def test_the_shipment_delivered_by_the_producer_entitles_the_review(
    shopper, tea_farm, fish_sauce_farm
):
    order = place_order((tea_farm.product, 1), (fish_sauce_farm.product, 2), user=shopper)
    tea_box = Shipment.objects.get(order=order, partner=tea_farm.partner)
    for status in ("packed", "shipped"):
        services.update_shipment(
            shipment=tea_box, status=status, carrier="VNPost", tracking_number="EB1"
        )
        assert not tea_farm.product.is_review_permitted(shopper)
    services.update_shipment(shipment=tea_box, status="delivered")
    order.refresh_from_db()
    assert order.status == statuses.PARTLY_SHIPPED  # the fish sauce is still on its way
    assert tea_farm.product.is_review_permitted(shopper)
    assert not fish_sauce_farm.product.is_review_permitted(shopper)


def test_another_shoppers_delivered_order_does_not_count(shopper, tea_farm):
    neighbour = UserFactory(email="hang@example.vn")
    deliver(place_order((tea_farm.product, 1), user=neighbour))
    assert not rules.review_permission(user=shopper, product=tea_farm.product).allowed
    assert rules.review_permission(user=neighbour, product=tea_farm.product).allowed


def test_a_delivered_line_of_another_product_does_not_count(shopper, tea_farm, fish_sauce_farm):
    deliver(place_order((fish_sauce_farm.product, 1), user=shopper))
    assert not tea_farm.product.is_review_permitted(shopper)


def test_a_guest_cannot_review_even_with_a_delivered_guest_order(client, tea_farm):
    from django.contrib.auth.models import AnonymousUser

    deliver(place_order((tea_farm.product, 1), email="khach@example.vn"))  # no account
    permission = rules.review_permission(user=AnonymousUser(), product=tea_farm.product)
    assert (permission.allowed, permission.reason) == (False, rules.SIGN_IN)
    url = reverse(
        "catalogue:reviews-add",
        kwargs={"product_slug": tea_farm.product.slug, "product_pk": tea_farm.product.pk},
    )
    response = client.post(url, {"score": 5, "title": "Ngon", "body": "Chè thơm, nước xanh."})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not ProductReview.objects.exists()


def test_one_review_per_shopper_and_product_even_after_two_deliveries(shopper, tea_farm):
    first = deliver(place_order((tea_farm.product, 1), user=shopper))
    deliver(place_order((tea_farm.product, 3), user=shopper))
    ProductReview.objects.create(
        product=tea_farm.product,
        user=shopper,
        score=5,
        title="Ngon",
        body="Chè thơm, nước xanh.",
        order_line=first.lines.get(),
    )
    permission = rules.review_permission(user=shopper, product=tea_farm.product)
    assert (permission.allowed, permission.reason) == (False, rules.ALREADY)


def test_a_pack_size_line_entitles_a_review_of_its_product(shopper, tea_farm):
    from tests.factories import ProductFactory

    product = tea_farm.product
    product.structure = product.PARENT
    product.save()
    jar = ProductFactory(parent=product, structure=product.CHILD, title="", product_class=None)
    tea_farm.stockrecord.product = jar
    tea_farm.stockrecord.save()
    deliver(place_order((jar, 1), user=shopper))
    assert product.is_review_permitted(shopper)
    permission = rules.review_permission(user=shopper, product=jar)
    assert (permission.allowed, permission.reason) == (False, rules.VARIANT)

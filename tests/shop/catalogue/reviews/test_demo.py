"""load_demo_reviews: the demo shopper's delivered order and its approved reviews, one
answered by its producer; a second run changes nothing."""

import pytest
from django.core.management import call_command
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory

from shop.catalogue.reviews.management.commands.load_demo_reviews import SHOPPER_EMAIL
from shop.order.statuses import DELIVERED
from shop.producers.models import Shipment

ProductReview = get_model("reviews", "ProductReview")

pytestmark = pytest.mark.django_db


def test_demo_reviews_come_from_a_delivered_order(tea_farm, fish_sauce_farm):
    shopper = UserFactory(email=SHOPPER_EMAIL)
    call_command("load_demo_reviews", verbosity=0)
    call_command("load_demo_reviews", verbosity=0)  # again: nothing more
    reviews = ProductReview.objects.filter(user=shopper).select_related("order_line__order")
    assert reviews.count() == 2  # the two products on sale
    order = reviews[0].order_line.order
    assert order.status == DELIVERED
    assert {s.status for s in Shipment.objects.filter(order=order)} == {"delivered"}
    for review in reviews:
        assert review.status == ProductReview.APPROVED
        assert review.order_line.status == DELIVERED and review.is_verified_purchase
        review.product.refresh_from_db()
        assert review.product.num_approved_reviews == 1
    answered = [r for r in reviews if r.is_answered]
    assert len(answered) == 1 and answered[0].answered_by is not None


def test_without_the_demo_shopper_nothing_is_made(tea_farm):
    call_command("load_demo_reviews", verbosity=0)
    assert not ProductReview.objects.exists()

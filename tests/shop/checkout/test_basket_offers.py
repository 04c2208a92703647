"""A site offer on the basket page: its "add more" message while the basket falls short, its
discount in the totals once it qualifies. The offers are found once a request (the basket
middleware keeps them for the page's messages)."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import sellable_product

Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Range = get_model("offer", "Range")

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_for_less():
    everything = Range.objects.create(name="Mọi sản phẩm", includes_all_products=True)
    return ConditionalOffer.objects.create(
        name="Mua 3 giảm 10%",
        offer_type=ConditionalOffer.SITE,
        condition=Condition.objects.create(range=everything, type=Condition.COUNT, value=3),
        benefit=Benefit.objects.create(range=everything, type=Benefit.PERCENTAGE, value=10),
    )


def basket_page_with(quantity):
    product = sellable_product(title="Mật ong rừng U Minh", price=200000)
    shopper = Client()
    shopper.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
    return shopper.get(reverse("basket:summary")).content.decode()


def test_a_basket_short_of_an_offer_is_told_what_it_lacks(three_for_less):
    page = basket_page_with(2)
    assert "Mua 3 giảm 10%" in page  # the upsell message names the offer
    assert "400.000" in page and "360.000" not in page  # and nothing is taken off yet


def test_a_basket_that_qualifies_gets_the_discount_and_no_upsell(three_for_less):
    page = basket_page_with(3)
    assert "540.000" in page  # 3 x 200.000 less 10 %
    assert "Mua thêm" not in page  # no "add more" message


def test_the_offer_messages_read_right_in_vietnamese(three_for_less):
    """Oscar's vi catalogue says "no longer qualifies" where it means "now qualifies"."""
    product = sellable_product(title="Trà Shan tuyết", price=150000)
    shopper = Client()
    add = reverse("basket:add", kwargs={"pk": product.pk})
    page = shopper.post(add, {"quantity": 2}, follow=True).content.decode()
    assert "Mua thêm 1 sản phẩm thuộc Mọi sản phẩm" in page
    page = shopper.post(add, {"quantity": 1}, follow=True).content.decode()
    assert "nay được hưởng ưu đãi" in page and "không còn" not in page


def test_a_line_without_a_photo_shows_the_placeholder_not_a_broken_image(three_for_less):
    page = basket_page_with(1)
    line = page[page.index('class="basket-items"') :]
    assert 'class="image-placeholder"' in line.split("Mật ong rừng U Minh")[0]
    assert "img-thumbnail" not in page  # Oscar's thumbnail of a missing-image file

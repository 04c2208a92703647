"""A producer answers an approved review of its own product once, publicly; another
producer's review is a 404; a second answer is refused."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory

from shop.catalogue import cache as page_cache
from shop.catalogue.reviews import services
from shop.order.statuses import DELIVERED

from .conftest import place_order

ProductReview = get_model("reviews", "ProductReview")

pytestmark = pytest.mark.django_db


def review_of(side, *, status=ProductReview.APPROVED, email="lan@example.vn"):
    shopper = UserFactory(email=email)
    order = place_order((side.product, 1), user=shopper)
    order.lines.update(status=DELIVERED)
    return ProductReview.objects.create(
        product=side.product,
        user=shopper,
        score=5,
        title="Rất ngon",
        body="Đóng gói cẩn thận, giao nhanh.",
        order_line=order.lines.get(),
        status=status,
    )


def answer_url(review):
    return reverse("producers:review-answer", kwargs={"pk": review.pk})


def test_the_producer_answers_once_and_the_answer_shows_on_the_product_page(client_a, side_a):
    review = review_of(side_a)
    page = client_a.get(reverse("producers:review-list")).content.decode()
    assert "Rất ngon" in page and answer_url(review) in page
    anonymous = Client()
    anonymous.get(side_a.product.get_absolute_url())  # cached
    version = page_cache.product_version(side_a.product.pk)

    response = client_a.post(answer_url(review), {"answer": "Cảm ơn chị đã ủng hộ HTX!"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.answer == "Cảm ơn chị đã ủng hộ HTX!"
    assert review.answered_by == side_a.user and review.answered_at is not None
    assert page_cache.product_version(side_a.product.pk) > version
    html = anonymous.get(side_a.product.get_absolute_url()).content.decode()
    assert "Nhà sản xuất trả lời" in html and "Cảm ơn chị đã ủng hộ HTX!" in html

    again = client_a.post(answer_url(review), {"answer": "Sửa lại câu trả lời"}, follow=True)
    assert services.ALREADY_ANSWERED in again.content.decode()
    review.refresh_from_db()
    assert review.answer == "Cảm ơn chị đã ủng hộ HTX!"


def test_another_producers_review_is_a_404(client_a, side_b):
    review = review_of(side_b)
    assert client_a.post(answer_url(review), {"answer": "Cảm ơn"}).status_code == 404
    assert "Rất ngon" not in client_a.get(reverse("producers:review-list")).content.decode()
    review.refresh_from_db()
    assert review.answer == "" and review.answered_at is None


def test_a_review_waiting_for_moderation_cannot_be_answered(client_a, side_a):
    review = review_of(side_a, status=ProductReview.FOR_MODERATION)
    page = client_a.get(reverse("producers:review-list")).content.decode()
    assert "1 đánh giá mới đang chờ ban quản trị duyệt" in page and "Rất ngon" not in page
    response = client_a.post(answer_url(review), {"answer": "Cảm ơn"}, follow=True)
    assert services.NOT_APPROVED in response.content.decode()
    review.refresh_from_db()
    assert review.answered_at is None


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("<a href='x'>Giảm giá</a>", "Không dùng mã HTML"),
        ("Mua ở http://a.example hoặc www.b.example", "Có 2 đường link"),
        ("x" * 2001, "Câu trả lời dài tối đa 2.000 ký tự"),
        ("", "Hãy nhập câu trả lời."),
    ],
)
def test_a_bad_answer_is_refused_with_a_clear_error(client_a, side_a, answer, message):
    review = review_of(side_a)
    response = client_a.post(answer_url(review), {"answer": answer}, follow=True)
    assert message in response.content.decode()
    review.refresh_from_db()
    assert review.answered_at is None


def test_a_shopper_and_a_guest_cannot_answer(client, side_a):
    review = review_of(side_a)
    assert client.post(answer_url(review), {"answer": "Cảm ơn"}).status_code == 302  # sign in
    client.force_login(review.user)
    assert client.post(answer_url(review), {"answer": "Cảm ơn"}).status_code == 403
    review.refresh_from_db()
    assert review.answered_at is None


def test_the_portal_home_counts_the_reviews_waiting_for_an_answer(client_a, side_a, side_b):
    mine = review_of(side_a)
    review_of(side_a, email="hoa@example.vn", status=ProductReview.FOR_MODERATION)
    review_of(side_b, email="minh@example.vn")  # another producer's
    home = client_a.get(reverse("producers:home")).content.decode()
    tile = home[home.index('id="reviews-tile"') :][:200]
    assert "<strong>1</strong> đánh giá chưa trả lời" in tile
    assert reverse("producers:review-list") in home
    client_a.post(answer_url(mine), {"answer": "Cảm ơn chị đã tin dùng!"})
    home = client_a.get(reverse("producers:home")).content.decode()
    assert "<strong>0</strong> đánh giá chưa trả lời" in home

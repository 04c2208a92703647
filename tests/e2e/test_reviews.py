"""A buyer on a phone (375 px) reviews a delivered product with a photo; a second link is
refused with a clear error; once staff approve and the producer answers, the product page
shows the stars, the 'Đã mua hàng' badge, the photo and the answer; the card its stars."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model
from PIL import Image
from playwright.sync_api import expect

from shop.catalogue.reviews import services
from shop.order.statuses import DELIVERED
from tests.factories import sellable_product
from tests.shop.producers.conftest import place_order

ProductReview = get_model("reviews", "ProductReview")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL, PASSWORD = "lan@example.vn", "Mật-khẩu-của-Lan-2026"
TITLE = "Chè búp Tân Cương đặc biệt"


@pytest.fixture
def delivered():
    shopper = get_user_model().objects.create_user(
        username=EMAIL, email=EMAIL, password=PASSWORD, first_name="Lan", last_name="Nguyễn"
    )
    product = sellable_product(title=TITLE, price=350000)
    order = place_order((product, 1), user=shopper)
    order.lines.update(status=DELIVERED)
    return shopper, product


def test_a_buyer_reviews_on_a_phone_and_the_page_shows_it_once_approved(
    live_server, open_page, screenshot, delivered, tmp_path
):
    shopper, product = delivered
    page = open_page(375)
    page.goto(f"{live_server.url}/shop/accounts/login/")
    page.fill("input[name=login-username]", EMAIL)
    page.fill("input[name=login-password]", PASSWORD)
    page.click("#login_form [type=submit]")
    page.goto(f"{live_server.url}{product.get_absolute_url()}")
    page.get_by_role("link", name="Viết đánh giá").click()

    page.get_by_label("4 sao").check()
    page.fill("input[name=title]", "Chè thơm, nước xanh")
    page.fill("textarea[name=body]", "Mua ở http://a.example rẻ hơn www.b.example")
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_text("Có 2 đường link: chỉ được tối đa 1.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    photo = tmp_path / "che.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (40, 120, 60)).save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    page.get_by_label("4 sao").check()
    page.fill("textarea[name=body]", "Nước xanh, vị chát dịu, hậu ngọt. Đóng gói cẩn thận.")
    page.set_input_files("input[name=photo]", str(photo))
    screenshot(page, "review-form-375")
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(
        page.get_by_text("Đánh giá sẽ hiện trên trang sản phẩm sau khi được duyệt")
    ).to_be_visible()

    review = ProductReview.objects.get()
    review.status = ProductReview.APPROVED
    review.save()
    services.answer_review(review=review, user=None, text="Cảm ơn chị Lan đã ủng hộ HTX!")

    shop = open_page(375)  # anonymous
    shop.goto(f"{live_server.url}{product.get_absolute_url()}")
    reviews = shop.locator("#reviews")
    expect(reviews.get_by_text("Chè thơm, nước xanh")).to_be_visible()
    expect(reviews.get_by_text("✓ Đã mua hàng")).to_be_visible()
    expect(reviews.get_by_text("Cảm ơn chị Lan đã ủng hộ HTX!")).to_be_visible()
    expect(reviews.locator(".review__photo img")).to_have_count(1)
    expect(shop.locator(".product-page__reviews")).to_contain_text("(1 đánh giá)")
    assert shop.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(shop, "review-product-page-375")
    assert re.search(r"4,0 trên 5 sao", shop.content())

"""In headless Chromium on a phone: a guest fills a 5-item gift box from two producers
(the live counter and total follow the quantities), checks out with cash on delivery and
sees the box's contents on the order. Screenshots of the gift listing, the builder and the
basket at 375 and 1280 px."""

import pytest
from oscar.core.loading import get_model
from playwright.sync_api import expect

from shop.gifts.models import OrderLineComponent
from tests.factories import ProducerFactory, sellable_product
from tests.gifts_front.helpers import box_type, gift_set, occasion

from .steps import checkout_as_guest, fill_address

Order = get_model("order", "Order")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def shop_with_gifts():
    tea_farm = ProducerFactory(name="HTX Chè Tân Cương", province_code="19")
    coconut = ProducerFactory(name="Cơ sở Bánh dừa Quý Thu", province_code="51")
    tea = sellable_product(title="Chè búp Tân Cương", price=60000, producer=tea_farm)
    lotus = sellable_product(title="Trà tâm sen Kim Liên", price=45000, producer=tea_farm)
    cake = sellable_product(title="Bánh dừa nướng Quý Thu", price=40000, producer=coconut)
    tet = occasion("tet-2027", "Tết 2027")
    gift_set(
        title="Giỏ quà Tết Sum vầy",
        price=450000,
        components=[(tea, 1), (lotus, 1), (cake, 2)],
        occasions=[tet],
    )
    box = box_type(size=5, price=90000)
    return {"box": box, "tea": tea, "lotus": lotus, "cake": cake}


def test_guest_builds_a_five_item_box_and_checks_out(
    live_server, open_page, screenshot, shop_with_gifts
):
    box, tea, cake = shop_with_gifts["box"], shop_with_gifts["tea"], shop_with_gifts["cake"]
    page = open_page(375)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(f"{live_server.url}/shop/qua-tang/")
    expect(page.get_by_role("heading", name="Giỏ quà OCOP")).to_be_visible()
    expect(page.get_by_text("450.000\u00a0₫")).to_be_visible()
    screenshot(page, "gifts-listing-375")
    page.get_by_role("link", name="Tự chọn hộp quà").first.click()
    page.get_by_role("link", name="Hộp quà tự chọn 5 món").click()

    expect(page.locator("[data-box-count]")).to_have_text("0")
    page.fill(f"input[name=qty-{tea.pk}]", "2")
    page.fill(f"input[name=qty-{cake.pk}]", "3")
    expect(page.locator("[data-box-count]")).to_have_text("5")
    # 90.000 packaging + 2 × 60.000 + 3 × 40.000
    expect(page.locator("[data-box-total]")).to_have_text("330.000\u00a0₫")
    screenshot(page, "gifts-builder-375")
    page.locator("[data-box-submit]").click()

    expect(
        page.get_by_text("Đã thêm “Hộp quà tự chọn 5 món” (5 món) vào giỏ hàng.")
    ).to_be_visible()
    contents = page.locator("[data-gift-contents]").first
    expect(contents).to_contain_text("Hộp quà 5 món:")
    expect(contents).to_contain_text("2 × Chè búp Tân Cương")
    expect(contents).to_contain_text("3 × Bánh dừa nướng Quý Thu")
    screenshot(page, "gifts-basket-375")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    checkout_as_guest(page, live_server, "nguoi.tang@example.vn")
    fill_address(
        page,
        name="Nguyễn Thị Hoa",
        phone="0912 345 678",
        province_code="01",
        street="12 Lý Thường Kiệt",
    )
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("heading", name="Thanh toán và quà tặng")).to_be_visible(timeout=30_000)
    page.locator("input[name=payment_method][value=cod]").check()
    page.locator("input[name=data_consent]").check()
    page.get_by_role("button", name="Xem lại đơn hàng").click()
    expect(page.get_by_role("heading", name="Xem lại đơn hàng")).to_be_visible()
    expect(page.locator("[data-gift-contents]").first).to_contain_text("2 × Chè búp Tân Cương")
    page.get_by_role("button", name="Đặt hàng").click()

    expect(page.get_by_role("heading", name="Cảm ơn bạn đã đặt hàng")).to_be_visible(timeout=30_000)
    order_contents = page.locator("[data-gift-contents]").first
    expect(order_contents).to_contain_text("Hộp quà 5 món:")
    expect(order_contents).to_contain_text("3 × Bánh dừa nướng Quý Thu")
    screenshot(page, "gifts-thank-you-375")
    number = page.locator("[data-order-number]").inner_text()
    order = Order.objects.get(number=number)
    [line] = order.lines.all()
    assert line.product_id == box.product_id
    assert sorted(
        OrderLineComponent.objects.filter(line=line).values_list("title", "quantity")
    ) == [("Bánh dừa nướng Quý Thu", 3), ("Chè búp Tân Cương", 2)]
    assert order.total_incl_tax >= 330000
    assert errors == []


def test_gift_pages_at_desktop_width(live_server, open_page, screenshot, shop_with_gifts):
    box, lotus, tea = shop_with_gifts["box"], shop_with_gifts["lotus"], shop_with_gifts["tea"]
    page = open_page(1280)
    page.goto(f"{live_server.url}/shop/qua-tang/?dip=tet-2027")
    expect(page.locator("[data-gift]")).to_have_count(1)
    screenshot(page, "gifts-listing-1280")
    page.goto(f"{live_server.url}/shop/qua-tang/tu-chon/{box.pk}/")
    page.fill(f"input[name=qty-{lotus.pk}]", "3")
    page.fill(f"input[name=qty-{tea.pk}]", "3")
    expect(page.locator("[data-box-count]")).to_have_text("6")
    page.locator("[data-box-submit]").click()
    expect(page.locator("[data-box-errors]")).to_contain_text("đúng 5 món")
    screenshot(page, "gifts-builder-1280")
    page.fill(f"input[name=qty-{lotus.pk}]", "5")
    page.fill(f"input[name=qty-{tea.pk}]", "0")
    page.locator("[data-box-submit]").click()
    expect(page.locator("[data-gift-contents]").first).to_contain_text("5 × Trà tâm sen Kim Liên")
    screenshot(page, "gifts-basket-1280")

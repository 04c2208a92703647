"""A guest on a phone (375 px) looks up a shipped order by its number and phone number."""

import pytest
from playwright.sync_api import expect

from shop.producers.models import Shipment
from tests.factories import ProducerFactory, sellable_product

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_guest_tracks_a_shipped_order_on_a_phone(live_server, open_page, screenshot):
    from shop.producers import services
    from tests.shop.producers.conftest import place_order

    partner = ProducerFactory(name="Hợp tác xã Chè La Bằng")
    tea = sellable_product(title="Chè búp Tân Cương đặc biệt", price=350000, producer=partner)
    sauce = sellable_product(title="Nước mắm cốt Cát Hải", price=185000)
    order = place_order((tea, 1), (sauce, 2), email="lan@example.vn")
    services.update_shipment(
        shipment=Shipment.objects.get(order=order, partner=partner),
        status="shipped",
        carrier="Giao Hàng Nhanh",
        tracking_number="GHN5XK8P2",
    )

    page = open_page(375)
    page.goto(f"{live_server.url}/shop/catalogue/")
    page.locator("footer").get_by_role("link", name="Tra cứu đơn hàng").click()
    expect(page.get_by_role("heading", name="Tra cứu đơn hàng")).to_be_visible()
    page.get_by_label("Mã đơn hàng").fill(str(order.number))
    page.get_by_label("Số điện thoại hoặc e-mail đặt hàng").fill("0912 345 678")
    page.get_by_role("button", name="Tra cứu").click()

    expect(page.get_by_role("heading", name=f"Đơn hàng {order.number}")).to_be_visible()
    expect(page.locator("[data-order-status]")).to_have_text("Đã gửi một phần")
    shipped = page.locator("[data-shipment-status=shipped]")
    expect(shipped).to_contain_text("Hợp tác xã Chè La Bằng")
    expect(shipped.locator("[data-tracking-number]")).to_have_text("GHN5XK8P2")
    link = shipped.get_by_role("link", name="Theo dõi trên trang Giao Hàng Nhanh")
    expect(link).to_have_attribute("href", "https://donhang.ghn.vn/?order_code=GHN5XK8P2")
    expect(page.locator("[data-shipment-status=pending]")).to_contain_text("Nước mắm cốt Cát Hải")
    expect(page.get_by_text("091****678")).to_be_visible()
    # Nothing wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "order-tracking-375")

    # A wrong phone number gets the one message every miss gets.
    page.get_by_role("link", name="Tra cứu đơn hàng khác").click()
    page.get_by_label("Mã đơn hàng").fill(str(order.number))
    page.get_by_label("Số điện thoại hoặc e-mail đặt hàng").fill("0987 654 321")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_role("alert")).to_contain_text("Không tìm thấy đơn hàng")
    screenshot(page, "order-tracking-miss-375")

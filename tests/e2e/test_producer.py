"""A producer on a phone (375 px): signs in, changes a price, uploads a photo, sees both on
the storefront, then marks its part of an order shipped with a tracking number."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from PIL import Image
from playwright.sync_api import expect

from shop.producers.models import Shipment
from tests.factories import ProducerFactory, sellable_product

from .steps import log_in_to_dashboard

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL, PASSWORD = "htx-che@example.vn", "Chè-Tân-Cương-2026"
TITLE = "Chè búp Tân Cương đặc biệt"
CAPTION = "Hộp chè quà biếu"


@pytest.fixture
def producer():
    partner = ProducerFactory(name="Hợp tác xã Chè La Bằng")
    user = get_user_model().objects.create_user(username=EMAIL, email=EMAIL, password=PASSWORD)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    )
    partner.users.add(user)
    product = sellable_product(title=TITLE, price=350000, producer=partner)
    other = sellable_product(title="Nước mắm cốt Cát Hải", price=185000)
    return partner, product, other


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_producer_prices_photographs_and_ships_on_a_phone(
    live_server, open_page, screenshot, producer, tmp_path
):
    partner, product, other = producer
    page = open_page(375)
    log_in_to_dashboard(page, live_server, EMAIL, PASSWORD)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("heading", name="Hợp tác xã Chè La Bằng")).to_be_visible()
    expect(page.get_by_text("Nước mắm cốt Cát Hải")).to_have_count(0)  # another producer's

    page.get_by_role("link", name=TITLE).click()
    page.fill("input[name=price]", "275000")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text(f"Đã lưu “{TITLE}”.")).to_be_visible()
    no_sideways_scroll(page)

    photo = tmp_path / "che.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (40, 120, 60)).save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    page.set_input_files("input[name=photo]", str(photo))
    page.fill("input[name=caption]", CAPTION)
    page.get_by_role("button", name="Tải ảnh lên").click()
    expect(page.get_by_text("Đã thêm ảnh.")).to_be_visible()
    no_sideways_scroll(page)
    screenshot(page, "producer-listing-375")

    shop = open_page(375)
    shop.goto(f"{live_server.url}{product.get_absolute_url()}")
    expect(shop.locator(".price").first).to_contain_text(re.compile(r"275\.000\s₫"))
    image = shop.locator(f"img.product-page__image[alt='{CAPTION}']")
    expect(image).to_have_count(1)
    screenshot(shop, "producer-storefront-375")

    from tests.shop.producers.conftest import place_order

    order = place_order((product, 1), (other, 1))
    page.goto(f"{live_server.url}/dashboard/producer/orders/")
    page.get_by_role("link", name=f"Đơn {order.number}").click()
    expect(page.get_by_text(TITLE)).to_be_visible()
    expect(page.get_by_text("Nước mắm cốt Cát Hải")).to_have_count(0)
    page.select_option("select[name=status]", "shipped")
    page.fill("input[name=carrier]", "Viettel Post")
    page.fill("input[name=tracking_number]", "VTP0012345")
    page.get_by_role("button", name="Cập nhật").click()
    expect(page.locator(".shipment-status")).to_have_text("Đã gửi hàng")
    no_sideways_scroll(page)
    screenshot(page, "producer-order-375")
    shipment = Shipment.objects.get(order=order, partner=partner)
    assert (shipment.status, shipment.tracking_number) == ("shipped", "VTP0012345")


def test_producer_adds_a_pack_size_on_a_phone(live_server, open_page, screenshot, producer):
    partner, product, _other = producer
    page = open_page(375)
    log_in_to_dashboard(page, live_server, EMAIL, PASSWORD)
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Thêm loại").click()
    page.fill("input[name=current_pack]", "Hộp 200 g")
    page.fill("input[name=pack]", "Hộp 500 g")
    page.fill("input[name=price]", "790000")
    page.fill("input[name=num_in_stock]", "6")
    no_sideways_scroll(page)
    screenshot(page, "producer-variant-375")
    page.get_by_role("button", name="Thêm loại").click()
    expect(page.get_by_text("Đã thêm loại “Hộp 500 g”.")).to_be_visible()
    variants = page.locator(".producer-variant")
    expect(variants).to_have_count(2)
    expect(page.locator("#variants")).to_contain_text(re.compile(r"790\.000\s₫"))
    no_sideways_scroll(page)

    shop = open_page(375)
    shop.goto(f"{live_server.url}{product.get_absolute_url()}")
    expect(shop.get_by_text("Hộp 500 g").first).to_be_attached()
    expect(shop.get_by_text("Hộp 200 g").first).to_be_attached()
    product.refresh_from_db()
    assert product.is_parent and product.title == TITLE


def test_shopper_sees_each_producers_shipment_on_a_phone(
    live_server, open_page, screenshot, producer
):
    from shop.producers import services
    from tests.shop.producers.conftest import place_order

    partner, product, other = producer
    shopper = get_user_model().objects.create_user(
        username="me@example.vn", email="me@example.vn", password=PASSWORD
    )
    order = place_order((product, 1), (other, 2), user=shopper)
    services.update_shipment(
        shipment=Shipment.objects.get(order=order, partner=partner),
        status="shipped",
        carrier="Viettel Post",
        tracking_number="VTP0099",
    )
    page = open_page(375)
    page.goto(f"{live_server.url}/shop/accounts/login/")
    page.fill("input[name=login-username]", "me@example.vn")
    page.fill("input[name=login-password]", PASSWORD)
    page.locator("button[name=login_submit]").click()
    page.goto(f"{live_server.url}/shop/accounts/orders/{order.number}/")
    expect(page.locator(".order-shipment")).to_have_count(2)
    expect(page.locator(".order-shipment").first).to_contain_text("Đã gửi hàng")
    expect(page.get_by_text("VTP0099")).to_be_visible()
    expect(page.get_by_text("Đã gửi một phần")).to_be_visible()
    no_sideways_scroll(page)  # Oscar's wide tables scroll inside the page
    screenshot(page, "shopper-order-375")

"""A producer on a phone (375 px) records a production batch that adds to stock; a shopper
scans the label's QR (the traceability URL with ?lo=) and sees the batch, its dates, the
raw-material area and the OCOP status."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from shop.ocop.rules import today
from shop.origin.models import Batch, OriginArea
from tests.factories import ProducerFactory, sellable_product

from .steps import log_in_to_dashboard

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL, PASSWORD = "htx-sen@example.vn", "Sen-Kim-Liên-2026"
TITLE = "Hạt sen sấy Kim Liên"


@pytest.fixture
def producer():
    partner = ProducerFactory(name="Hợp tác xã Sen Kim Liên")
    user = get_user_model().objects.create_user(username=EMAIL, email=EMAIL, password=PASSWORD)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    )
    partner.users.add(user)
    product = sellable_product(title=TITLE, price=120000, stock=5, producer=partner)
    OriginArea.objects.create(
        partner=partner,
        name="Đầm sen Kim Liên",
        province_code="40",
        ward_code="17971",
        standard="vietgap",
        latitude="18.69800",
        longitude="105.52400",
    )
    return partner, product


def test_a_producer_adds_a_batch_and_a_shopper_scans_its_label(
    live_server, open_page, screenshot, producer
):
    partner, product = producer
    made, best = today() - timedelta(days=3), today() + timedelta(days=200)
    page = open_page(375)
    log_in_to_dashboard(page, live_server, EMAIL, PASSWORD)
    page.get_by_role("link", name="Vùng nguyên liệu và lô sản xuất").click()
    page.get_by_role("link", name="+ Thêm lô sản xuất").click()
    page.select_option("select[name=product]", label=TITLE)
    page.fill("input[name=lot_number]", "hs-2612-01")
    page.fill("input[name=produced_on]", made.isoformat())
    page.fill("input[name=best_before]", best.isoformat())
    page.fill("input[name=quantity]", "30")
    page.select_option("select[name=area]", label="Đầm sen Kim Liên")
    page.select_option("select[name=add_to_stock]", index=1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "producer-batch-form-375")
    page.get_by_role("button", name="Thêm lô").click()
    expect(page.get_by_text("Đã thêm lô HS-2612-01 và cộng 30 vào tồn kho.")).to_be_visible()
    expect(page.locator("#batches")).to_contain_text("HS-2612-01")
    assert product.stockrecords.get().num_in_stock == 35

    label_url = page.get_by_role("link", name="Trang truy xuất").first.get_attribute("href")
    assert label_url.endswith("?lo=HS-2612-01")

    shopper = open_page(375)
    shopper.goto(f"{live_server.url}{label_url}")
    expect(shopper).to_have_url(re.compile(r"/shop/ocop/.+\?lo=HS-2612-01$"))
    expect(shopper.get_by_text("Lô sản xuất HS-2612-01")).to_be_visible()
    expect(shopper.locator(".origin-batch")).to_contain_text(best.strftime("%d/%m/%Y"))
    expect(shopper.locator(".origin-area").first).to_contain_text("Xã Kim Liên, Nghệ An")
    expect(shopper.locator("iframe.origin-area__map")).to_have_count(1)
    expect(shopper.locator(".certificate-state")).to_contain_text("Còn hiệu lực")
    assert shopper.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(shopper, "label-traceability-375")

    shopper.get_by_role("link", name="Xem sản phẩm trên Chợ OCOP").click()
    expect(shopper.locator(".product-page__origin")).to_contain_text("Lô sản xuất HS-2612-01")
    assert Batch.objects.get().partner == partner

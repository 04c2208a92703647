"""Every CMS page type in a real browser at 1280 and 375 px: the Vietnamese heading reads
right, products on the page carry their price, styles load, nothing scrolls sideways on a
phone. Screenshots land in tests/e2e/screenshots/ (cms-<type>-<width>.png)."""

import re

import pytest
from playwright.sync_api import expect

from cms.demo_images import wagtail_image
from tests.cms import helpers
from tests.e2e.test_smoke import assert_fits, assert_seller_shown, visit
from tests.factories import ProducerFactory, sellable_product

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = [1280, 375]
PRICE = re.compile(r"350\.000\s₫")


@pytest.fixture
def pages():
    helpers.home_page()  # the tree, even after another browser test flushed it
    image = wagtail_image(title="Đồi chè Tân Cương", subtitle="Thái Nguyên", filename="doi-che")

    producer = ProducerFactory(
        name="Hợp tác xã chè Hảo Đạt", province_name="Tỉnh Thái Nguyên", ward_name="Xã Tân Cương"
    )
    tea = sellable_product(title="Chè búp Tân Cương Hảo Đạt", price=350000, producer=producer)
    other = sellable_product(title="Chè đinh Tân Cương", price=350000, producer=producer)
    story = helpers.story(
        title="Chè Tân Cương: từ đồi chè đến ấm trà",
        products=[tea, other],
        tags=["Chè", "Thái Nguyên"],
        image=image,
    )
    story.producer_links.create(producer=producer)
    helpers.story(title="Mùa vải thiều Lục Ngạn", days_ago=3, tags=["Trái cây"], image=image)
    village = helpers.village(producers=[producer])
    village.image = image
    village.save_revision().publish()
    producer_page = helpers.producer_page(producer)
    fair = helpers.fair(
        title="Hội chợ OCOP Hà Nội – Sắc xuân mọi miền", producers=[producer], products=[tea]
    )
    helpers.fair(title="Phiên chợ OCOP Thái Nguyên", start_in=-40)
    return {
        "home": (helpers.home_page(), "Chợ OCOP"),
        "story-index": (helpers.story_index(), "Câu chuyện"),
        "story": (story, "Chè Tân Cương: từ đồi chè đến ấm trà"),
        "village": (village, "Làng gốm Bát Tràng"),
        "producer": (producer_page, "Hợp tác xã chè Hảo Đạt"),
        "event-index": (helpers.event_index(), "Hội chợ và sự kiện"),
        "fair": (fair, "Hội chợ OCOP Hà Nội – Sắc xuân mọi miền"),
    }


PRICED = {"story", "producer", "village", "fair", "home"}


@pytest.mark.parametrize("width", WIDTHS)
def test_cms_pages(live_server, open_page, screenshot, pages, width):
    browser_page = open_page(width)
    for name, (cms_page, heading) in pages.items():
        problems = visit(browser_page, live_server.url + cms_page.url)
        screenshot(browser_page, f"cms-{name}-{width}")
        if name == "home":
            expect(browser_page.locator("h1").first).to_be_visible()
        else:
            expect(browser_page.get_by_role("heading", level=1, name=heading)).to_be_visible()
        if name in PRICED:
            expect(browser_page.get_by_text(PRICE).first).to_be_visible()
        assert_seller_shown(browser_page)
        assert_fits(browser_page, width)
        assert problems == [], name

    # The story index filters by tag when a shopper taps one.
    browser_page.goto(live_server.url + pages["story-index"][0].url)
    browser_page.get_by_role("link", name="Trái cây").click()
    expect(browser_page.get_by_role("link", name="Mùa vải thiều Lục Ngạn")).to_be_visible()
    expect(
        browser_page.get_by_role("link", name="Chè Tân Cương: từ đồi chè đến ấm trà")
    ).to_have_count(0)

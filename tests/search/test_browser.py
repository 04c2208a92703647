"""The search box and the search page in a real browser (Chromium, Vietnamese): typing
without accents on a phone suggests the craft village, which opens; on a wide screen the
stories, villages and events sit in a column beside the products."""

import pytest
from playwright.sync_api import expect

from cms.models import VillageIndexPage, VillagePage
from search import documents_db
from tests.cms import helpers
from tests.e2e.conftest import open_page, screenshot  # noqa: F401 (fixtures)
from tests.e2e.test_smoke import assert_fits, visit
from tests.factories import ProducerFactory, sellable_product

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def shelf_and_pages():
    helpers.home_page()  # the tree, even after another browser test flushed it
    maker = ProducerFactory(name="Hợp tác xã Thốt nốt Tri Tôn", province_name="Tỉnh An Giang")
    sellable_product(title="Đường thốt nốt Tri Tôn", price=90000, producer=maker)
    villages = helpers.index(VillageIndexPage, "lang-nghe", "Làng nghề")
    helpers.publish(
        villages,
        VillagePage(
            title="Làng thốt nốt Tri Tôn",
            slug="lang-thot-not-tri-ton",
            craft="Nấu đường thốt nốt",
            province_code="91",
        ),
    )
    helpers.story(title="Mùa nấu đường thốt nốt", slug="mua-duong-thot-not")
    documents_db.reindex()


def test_a_phone_suggests_the_village_as_you_type(live_server, open_page, shelf_and_pages):  # noqa: F811
    page = open_page(375)
    problems = visit(page, live_server.url + "/")
    page.locator("#site-search-q").press_sequentially("thot not tri", delay=40)
    suggestions = page.locator("#site-search-suggest")
    expect(suggestions).to_be_visible()
    expect(suggestions).to_contain_text("Làng nghề")
    expect(suggestions).to_contain_text("Đường thốt nốt Tri Tôn")  # the product
    expect(suggestions).to_contain_text("90.000 ₫")
    expect(suggestions).to_contain_text("Hợp tác xã Thốt nốt Tri Tôn")  # the producer
    suggestions.get_by_text("Làng thốt nốt Tri Tôn").click()
    expect(page).to_have_url(live_server.url + "/lang-nghe/lang-thot-not-tri-ton/")
    expect(page.locator("h1")).to_contain_text("Làng thốt nốt Tri Tôn")
    assert problems == []


@pytest.mark.parametrize("width", [1280, 375])
def test_pages_sit_beside_the_products(
    live_server,
    open_page,  # noqa: F811
    screenshot,  # noqa: F811
    shelf_and_pages,
    width,
):
    page = open_page(width)
    problems = visit(page, live_server.url + "/shop/search/?q=duong+thot+not")
    screenshot(page, f"search-pages-{width}")
    aside = page.locator(".search-pages")
    expect(aside).to_contain_text("Bài viết, làng nghề, sự kiện")
    expect(aside).to_contain_text("Làng thốt nốt Tri Tôn")
    expect(aside).to_contain_text("Mùa nấu đường thốt nốt")
    grid = page.locator(".product-grid")
    expect(grid).to_contain_text("Đường thốt nốt Tri Tôn")
    column, products = aside.bounding_box(), grid.bounding_box()
    if width >= 1000:
        assert column["x"] > products["x"] + products["width"] - 1  # a column on the right
    else:
        assert column["y"] > products["y"]  # after the products on a phone
    assert_fits(page, width)
    assert problems == []

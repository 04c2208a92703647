"""Smoke test in a real browser: what a shopper sees on a laptop and on a phone.

Home page, catalogue and a product page at 1280 and 375 px: the Vietnamese title reads
right, the price reads `350.000 ₫`, styles and scripts load, nothing fails in the page's
JavaScript, and nothing scrolls sideways on a phone. Screenshots land in
tests/e2e/screenshots/ (git-ignored) to look at.
"""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from tests.factories import sellable_product

pytestmark = [
    pytest.mark.e2e,
    # live_server needs committed data. Each test builds the pages it needs: a transactional
    # test before it may have flushed the tables, Wagtail's root page included.
    pytest.mark.django_db(transaction=True),
]

WIDTHS = [1280, 375]
TITLE = "Mật ong bạc hà Đồng Văn"
OTHER_TITLE = "Chè Shan tuyết cổ thụ Hà Giang"
PRICE = re.compile(r"350\.000\s₫")  # the space is a no-break space; \s matches it


@pytest.fixture
def products():
    call_command("load_demo_pages", verbosity=0)  # home page and the default Site
    return [
        sellable_product(title=TITLE, price=350000),
        sellable_product(title=OTHER_TITLE, price=350000),
    ]


def visit(page, url: str):
    """Open url and collect what would break the page for a person."""
    problems: list[str] = []

    def on_response(response):
        if response.request.resource_type in ("stylesheet", "script", "font"):
            if response.status >= 400:
                problems.append(f"{response.status} for {response.url}")

    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on("response", on_response)
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, (url, response and response.status)
    return problems


def assert_seller_shown(page):
    """Decree 52/2013 and 85/2021: the seller's name and tax code on every page."""
    expect(page.get_by_text(settings.SELLER["name"]).first).to_be_visible()
    expect(page.get_by_text(settings.SELLER["tax_code"]).first).to_be_visible()


def assert_fits(page, width: int):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways at {width}px ({scroll_width}px)"


@pytest.mark.parametrize("width", WIDTHS)
def test_home_page(live_server, open_page, screenshot, products, width):
    page = open_page(width)

    problems = visit(page, live_server.url + "/")
    screenshot(page, f"home-{width}")

    # The shop's front door: products on sale with their prices, and a way into the catalogue.
    expect(page.get_by_role("link", name=TITLE).first).to_be_visible()
    expect(page.get_by_text(PRICE).first).to_be_visible()
    assert page.locator("a[href='/shop/catalogue/']:visible").count() >= 1
    assert_seller_shown(page)
    assert_fits(page, width)
    assert problems == []


@pytest.mark.parametrize("width", WIDTHS)
def test_catalogue_lists_products(live_server, open_page, screenshot, products, width):
    page = open_page(width)

    problems = visit(page, live_server.url + "/shop/catalogue/")
    screenshot(page, f"catalogue-{width}")

    expect(page.get_by_role("link", name=TITLE).first).to_be_visible()
    expect(page.get_by_role("link", name=OTHER_TITLE).first).to_be_visible()
    expect(page.get_by_text(PRICE).first).to_be_visible()
    assert_seller_shown(page)
    assert_fits(page, width)
    assert problems == []


@pytest.mark.parametrize("width", WIDTHS)
def test_product_page(live_server, open_page, screenshot, products, width):
    product = products[0]
    page = open_page(width)

    problems = visit(page, live_server.url + product.get_absolute_url())
    screenshot(page, f"product-{width}")

    expect(page.get_by_role("heading", name=TITLE).first).to_be_visible()
    expect(page.get_by_text(PRICE).first).to_be_visible()
    assert TITLE in page.title()
    assert_seller_shown(page)
    assert_fits(page, width)
    assert problems == []

"""At most 12 SQL queries for an anonymous shopper's page rendered afresh, a newcomer's or a
shopper's with a basket (whose header counts its lines): the first request after a price
change (which drops every cached listing and the product's page), whatever the number of
products. Shared chrome (menu categories, footer links, the Wagtail site) stays cached
across product changes; a stored page is served with none at all."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from search import documents_db
from tests.factories import batch, gift_set, sellable_product

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

BUDGET = 12


@pytest.fixture(params=[3, 30], ids=["3-products", "30-products"])
def shop(request):
    from tests.cms.helpers import home_page

    home_page()
    food = Category.add_root(name="Thực phẩm", slug="thuc-pham", is_public=True)
    products = []
    for i in range(request.param):
        product = sellable_product(title=f"Mật ong rừng số {i}", price=100000 + i * 1000)
        ProductCategory.objects.create(product=product, category=food)
        if i % 3 == 0:
            batch(product, lot=f"L{i}")
        products.append(product)
    gift = gift_set([(products[0], 1), (products[1], 1)], title="Giỏ quà Tết Sum Vầy")
    documents_db.reindex()
    return {"products": products, "category": food, "gift": gift}


def pages(shop):
    first = shop["products"][0]
    urls = {
        "catalogue": reverse("catalogue:index"),
        "category": shop["category"].get_absolute_url(),
        "search": reverse("search:search") + "?q=mat+ong",
        "search, nothing found": reverse("search:search") + "?q=xyzzy",
        "gift list": reverse("gifts:list"),
        "product": first.get_absolute_url(),
        "gift set page": shop["gift"].get_absolute_url(),  # holds the changed product
    }
    if len(shop["products"]) > 24:
        urls["catalogue page 2"] = reverse("catalogue:index") + "?page=2"
    return urls


def newcomer(shop):
    return Client()


def with_a_basket(shop):
    """An anonymous shopper with two lines in the basket (its page's header counts them)."""
    visitor = Client()
    for product in shop["products"][1:3]:
        visitor.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    visitor.get(reverse("basket:summary"))  # the "added" messages are shown there
    return visitor


@pytest.mark.parametrize("shopper", [newcomer, with_a_basket], ids=["newcomer", "with-a-basket"])
def test_every_shopper_page_rendered_afresh_after_a_change_is_within_budget(
    shop, shopper, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    first = shop["products"][0]
    visitor = shopper(shop)
    for name, url in pages(shop).items():
        assert Client().get(url).status_code == 200, name  # chrome caches warm, page stored
        record = StockRecord.objects.get(product=first)
        with django_capture_on_commit_callbacks(execute=True):
            record.price = record.price + Decimal(1000)
            record.save()
        documents_db.reindex([first.pk])  # what the commit does (search.receivers)
        with django_assert_max_num_queries(BUDGET, info=name):
            response = visitor.get(url)
        assert response.status_code == 200, name
        assert "X-Page-Cache" not in response, f"{name} was not rendered afresh"
        lines = re.search(r"data-basket-count>(\d+)<", response.content.decode()).group(1)
        assert lines == ("2" if shopper is with_a_basket else "0"), name
        price = f"{int(record.price):,}".replace(",", ".")
        if name == "search, nothing found":  # no dead end: the gift set holding it instead
            assert "Giỏ quà Tết Sum Vầy" in response.content.decode(), name
        elif name not in ("gift list", "catalogue page 2", "gift set page"):  # it is listed
            assert price in response.content.decode(), f"{name} shows the old price"


def test_the_basket_page_of_a_shopper_with_items_is_within_budget(
    shop, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    """The basket page applies the offers once, for the totals and for its upsell messages."""
    visitor = with_a_basket(shop)
    first = shop["products"][1]
    record = StockRecord.objects.get(product=first)
    with django_capture_on_commit_callbacks(execute=True):
        record.price = record.price + Decimal(1000)
        record.save()
    with django_assert_max_num_queries(BUDGET):
        response = visitor.get(reverse("basket:summary"))
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r"data-basket-count>2<", page)
    assert f"{int(record.price):,}".replace(",", ".") in page  # the line at its new price

"""The catalogue and search pages list sellable products only, from the database."""

from datetime import timedelta

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from search import documents_db
from shop.ocop.rules import today
from tests.factories import sellable_product

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf():
    tea = sellable_product(title="Chè búp xanh Tân Cương", price=350000)
    sugar = sellable_product(title="Đường thốt nốt Trần Gia", price=85000)
    expired = sellable_product(
        title="Rượu làng Vân hết hạn", valid_until=today() - timedelta(days=1)
    )
    hidden = sellable_product(title="Mật ong chưa đăng bán")
    Product.objects.filter(pk=hidden.pk).update(is_public=False)
    documents_db.reindex()
    return {"tea": tea, "sugar": sugar, "expired": expired, "hidden": hidden}


def test_catalogue_lists_only_sellable_products_with_vnd_prices(client, shelf):
    html = client.get(reverse("catalogue:index")).content.decode()
    assert "Chè búp xanh Tân Cương" in html
    assert "350.000\xa0₫" in html or "350.000 ₫" in html
    assert "Đường thốt nốt Trần Gia" in html
    assert "Rượu làng Vân hết hạn" not in html
    assert "Mật ong chưa đăng bán" not in html


@pytest.mark.parametrize(
    ("typed", "found", "not_found"),
    [
        ("che bup xanh", "Chè búp xanh Tân Cương", "Đường thốt nốt Trần Gia"),
        ("duong thot not", "Đường thốt nốt Trần Gia", "Chè búp xanh Tân Cương"),
        ("ĐƯỜNG", "Đường thốt nốt Trần Gia", "Chè búp xanh Tân Cương"),
        ("ruou lang van", None, "Rượu làng Vân hết hạn"),
    ],
)
def test_search_folds_vietnamese_and_never_shows_unsellable(client, shelf, typed, found, not_found):
    html = client.get(reverse("search:search"), {"q": typed}).content.decode()
    if found:
        assert found in html
    assert not_found not in html


def test_sort_by_price(client, shelf):
    html = client.get(reverse("catalogue:index"), {"sort": "price-asc"}).content.decode()
    assert html.index("Đường thốt nốt Trần Gia") < html.index("Chè búp xanh Tân Cương")
    html = client.get(reverse("catalogue:index"), {"sort": "price-desc"}).content.decode()
    assert html.index("Chè búp xanh Tân Cương") < html.index("Đường thốt nốt Trần Gia")


def test_category_page_filters_by_ocop_group(client, shelf):
    food = Category.add_root(name="Thực phẩm", slug="thuc-pham", is_public=True)
    shelf["sugar"].categories.add(food)
    html = client.get(food.get_absolute_url()).content.decode()
    assert "Đường thốt nốt Trần Gia" in html
    assert "Chè búp xanh Tân Cương" not in html


def test_documents_follow_saves(django_capture_on_commit_callbacks, client):
    with django_capture_on_commit_callbacks(execute=True):
        sellable_product(title="Nước mắm Phú Quốc Khải Hoàn")
    html = client.get(reverse("search:search"), {"q": "nuoc mam"}).content.decode()
    assert "Nước mắm Phú Quốc Khải Hoàn" in html


def test_catalogue_query_count_does_not_grow_with_products(client, django_assert_max_num_queries):
    for i in range(3):
        sellable_product(title=f"Sản phẩm {i}")
    documents_db.reindex()
    client.get(reverse("catalogue:index"))  # warm up sessions, site, etc.
    # each measured request asks for another order, so neither is a cached result
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("catalogue:index"), {"sort": "price-asc"})
    budget = len(few.captured_queries)
    for i in range(12):
        sellable_product(title=f"Sản phẩm thêm {i}")
    documents_db.reindex()
    # New producers bump the catalogue version: shared parts (the group links) reload once.
    client.get(reverse("catalogue:index"), {"sort": "price-desc"})
    with django_assert_max_num_queries(budget):
        html = client.get(reverse("catalogue:index"), {"sort": "newest"}).content.decode()
    assert "Sản phẩm thêm 11" in html

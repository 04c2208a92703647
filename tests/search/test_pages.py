"""The search page as a shopper uses it: facets to tick, filters kept across pages, the
index following changes."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from oscar.core.loading import get_model

from search.models import ProductDocument
from shop.signals import catalogue_changed
from tests.factories import sellable_product

StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def test_search_page_shows_facets_and_filters(client, shelf):
    html = client.get(reverse("search:search"), {"q": "mat ong"}).content.decode()
    assert "Kết quả cho “mat ong”" in html
    assert "Nhóm OCOP" in html and "Hạng sao" in html and "Tỉnh/thành" in html
    assert "Tỉnh Cà Mau" in html
    assert 'name="province" value="96"' in html

    html = client.get(
        reverse("search:search"), {"q": "tran gia", "price": "lt100", "in_stock": "1"}
    ).content.decode()
    assert "Bánh đa cua" in html
    assert "Bánh da bò" not in html  # out of stock
    assert "Bỏ lọc" in html


def test_typo_is_explained(client, shelf):
    html = client.get(reverse("search:search"), {"q": "thai nguyeen"}).content.decode()
    assert "Chè Thái Nguyên đặc biệt" in html
    assert "<q>nguyen</q> thay cho <q>nguyeen</q>" in html


def test_pagination_keeps_query_and_filters(client, shelf):
    for i in range(25):
        sellable_product(title=f"Mật ong bạc hà {i}", price=120000)
    call_command("search_reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    html = client.get(
        reverse("search:search"), {"q": "mat ong", "price": "100-300"}
    ).content.decode()
    assert "Trang 1/2" in html
    assert "q=mat+ong&amp;price=100-300&amp;page=2" in html
    html = client.get(
        reverse("search:search"), {"q": "mat ong", "price": "100-300", "page": 2}
    ).content.decode()
    assert "Trang 2/2" in html


def test_search_page_query_count_is_bounded(client, shelf, django_assert_max_num_queries):
    client.get(reverse("search:search"), {"q": "mat ong"})
    # each measured request is a new search (another sort), not a cached result
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("search:search"), {"q": "mat ong", "sort": "price-asc"})
    budget = len(few.captured_queries)
    for i in range(10):
        sellable_product(title=f"Mật ong thêm {i}")
    call_command("search_reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # New producers bump the catalogue version: shared parts (the group links) reload once.
    client.get(reverse("search:search"), {"q": "mat ong", "sort": "price-desc"})
    with django_assert_max_num_queries(budget):
        html = client.get(
            reverse("search:search"), {"q": "mat ong", "group": "food", "sort": "newest"}
        ).content.decode()
    assert "Mật ong thêm 9" in html


def test_documents_follow_stock_changes(django_capture_on_commit_callbacks, client, shelf):
    record = StockRecord.objects.get(product=shelf["banh_da"])
    with django_capture_on_commit_callbacks(execute=True):
        record.num_in_stock = 0
        record.save()
    html = client.get(reverse("search:search"), {"q": "banh", "in_stock": "1"}).content.decode()
    assert "Bánh đa cua" not in html
    with django_capture_on_commit_callbacks(execute=True):
        record.price = 40000
        record.num_in_stock = 5
        record.save()
    assert ProductDocument.objects.get(product=shelf["banh_da"]).price == 40000


def test_documents_follow_the_nightly_sync(django_capture_on_commit_callbacks, shelf):
    ProductDocument.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        catalogue_changed.send(sender=None, product_ids=[shelf["tea"].pk])
    assert list(ProductDocument.objects.values_list("product_id", flat=True)) == [shelf["tea"].pk]
    with django_capture_on_commit_callbacks(execute=True):
        catalogue_changed.send(sender=None, product_ids=None)
    assert ProductDocument.objects.count() == 9


def test_search_reindex_command_rebuilds(shelf, capsys):
    ProductDocument.objects.all().delete()
    call_command("search_reindex")
    assert "Indexed 9 products" in capsys.readouterr().out
    assert ProductDocument.objects.count() == 9

"""Product pages are served from cache, and never stale after a price, stock or certificate change
or past midnight."""

import re
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop.ocop.models import Certificate
from shop.signals import catalogue_changed
from tests.factories import sellable_product
from tests.shop.page_forms import add_to_basket

StockRecord = get_model("partner", "StockRecord")
Basket = get_model("basket", "Basket")
VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def fetch(url):
    return Client().get(url)  # a new anonymous visitor each time


def test_second_anonymous_visit_is_a_cache_hit_with_no_queries(django_assert_num_queries):
    product = sellable_product(title="Nước mắm Lê Gia", price=120000)
    first = fetch(product.get_absolute_url())
    assert first.status_code == 200
    assert "X-Page-Cache" not in first
    with django_assert_num_queries(0):
        second = fetch(product.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert "Nước mắm Lê Gia" in second.content.decode()
    assert "120.000" in second.content.decode()


def test_uncached_product_page_query_count_is_bounded(django_assert_max_num_queries):
    product = sellable_product()
    with django_assert_max_num_queries(20):
        Client().get(product.get_absolute_url(), {"nocache": 1})


def test_price_change_is_visible_at_once():
    product = sellable_product(price=350000)
    assert "350.000" in fetch(product.get_absolute_url()).content.decode()
    record = StockRecord.objects.get(product=product)
    record.price = Decimal(390000)
    record.save()
    html = fetch(product.get_absolute_url()).content.decode()
    assert "390.000" in html
    assert "350.000" not in html


def test_stock_running_out_is_visible_at_once():
    product = sellable_product(stock=3)
    html = fetch(product.get_absolute_url()).content.decode()
    assert reverse("basket:add", kwargs={"pk": product.pk}) in html
    record = StockRecord.objects.get(product=product)
    record.num_in_stock = 0
    record.save()
    html = fetch(product.get_absolute_url()).content.decode()
    assert reverse("basket:add", kwargs={"pk": product.pk}) not in html


def test_revocation_and_bulk_sync_changes_are_visible_at_once():
    product = sellable_product()
    fetch(product.get_absolute_url())
    certificate = product.certificates.get()
    certificate.status = "revoked"
    certificate.save()
    assert "thu hồi" in fetch(product.get_absolute_url()).content.decode()
    # A bulk change (registry sync) that bypassed save() announces itself with the signal.
    Certificate.objects.filter(pk=certificate.pk).update(status="active")
    catalogue_changed.send(sender=None, product_ids=[product.pk])
    assert "thu hồi" not in fetch(product.get_absolute_url()).content.decode()


def test_page_cached_on_the_last_day_is_not_served_after_midnight():
    product = sellable_product()
    last_day = product.certificates.get().valid_until
    evening = datetime.combine(last_day, datetime.min.time(), tzinfo=VN) + timedelta(hours=23)
    with time_machine.travel(evening, tick=False):
        html = fetch(product.get_absolute_url()).content.decode()
        assert reverse("basket:add", kwargs={"pk": product.pk}) in html
        assert fetch(product.get_absolute_url())["X-Page-Cache"] == "hit"
    with time_machine.travel(evening + timedelta(hours=1), tick=False):
        response = fetch(product.get_absolute_url())
        assert "X-Page-Cache" not in response
        html = response.content.decode()
        assert "hết hiệu lực" in html
        assert reverse("basket:add", kwargs={"pk": product.pk}) not in html


def test_cached_page_carries_a_working_csrf_token_for_each_visitor():
    product = sellable_product()
    fetch(product.get_absolute_url())  # fills the cache
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(product.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    added = add_to_basket(visitor, product, response.content.decode())
    assert added.status_code == 302
    assert Basket.objects.filter(lines__product=product).exists()


def _basket_count(response) -> str:
    return re.search(r"data-basket-count>(\d+)<", response.content.decode()).group(1)


def test_visitors_with_a_basket_get_the_stored_page_with_their_own_count(
    django_assert_max_num_queries,
):
    product = sellable_product(title="Nước mắm Lê Gia")
    other = sellable_product(title="Tỏi Lý Sơn")
    visitor = Client()
    for item in (product, other):
        visitor.post(reverse("basket:add", kwargs={"pk": item.pk}), {"quantity": 1})
    visitor.get(reverse("basket:summary"))  # the "added" messages are shown there
    assert _basket_count(fetch(product.get_absolute_url())) == "0"  # stored by a newcomer
    with django_assert_max_num_queries(1):  # the count of their basket's lines
        response = visitor.get(product.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert _basket_count(response) == "2"
    # A page stored while a visitor with a basket looked shows nobody else that count.
    first = visitor.get(other.get_absolute_url())
    assert "X-Page-Cache" not in first and _basket_count(first) == "2"
    newcomer = fetch(other.get_absolute_url())
    assert newcomer["X-Page-Cache"] == "hit" and _basket_count(newcomer) == "0"
    # A basket that went to checkout and was submitted counts for nothing any more.
    Basket.objects.filter(lines__product=product).update(status=Basket.SUBMITTED)
    assert _basket_count(visitor.get(product.get_absolute_url())) == "0"


def test_cached_page_holds_nothing_of_the_visitor_who_filled_it():
    seen = sellable_product(title="Bánh dừa nướng Quý Thu")
    product = sellable_product(title="Tỏi Lý Sơn")
    first = Client()
    first.get(seen.get_absolute_url())  # leaves a "recently viewed" history cookie
    first.get(product.get_absolute_url())  # fills the cache
    html = fetch(product.get_absolute_url()).content.decode()
    assert "Bánh dừa nướng Quý Thu" not in html


def test_a_stored_page_follows_the_products_it_recommends():
    Recommendation = get_model("catalogue", "ProductRecommendation")
    page = sellable_product(title="Trà shan tuyết Tà Xùa")
    cup = sellable_product(title="Chén gốm Bát Tràng", price=85000)
    Recommendation.objects.create(primary=page, recommendation=cup, ranking=1)
    assert "85.000" in fetch(page.get_absolute_url()).content.decode()
    assert fetch(page.get_absolute_url())["X-Page-Cache"] == "hit"

    record = StockRecord.objects.get(product=cup)
    record.price = Decimal(95000)
    record.save()
    html = fetch(page.get_absolute_url()).content.decode()
    assert "95.000" in html
    assert "85.000" not in html

    certificate = cup.certificates.get()
    certificate.status = "revoked"  # no longer sellable, so no longer recommended
    certificate.save()
    html = fetch(page.get_absolute_url()).content.decode()
    assert "Trà shan tuyết Tà Xùa" in html
    assert "Chén gốm Bát Tràng" not in html

    certificate.status = "active"
    certificate.save()
    assert "Chén gốm Bát Tràng" in fetch(page.get_absolute_url()).content.decode()
    # Taking the recommendation away is seen at once as well.
    Recommendation.objects.filter(primary=page).delete()
    assert "Chén gốm Bát Tràng" not in fetch(page.get_absolute_url()).content.decode()

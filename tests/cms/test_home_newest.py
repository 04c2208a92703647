"""The home page's "new" section, when editors chose nothing: the newest products THE rule
lets shoppers buy, however many newer ones it does not."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from oscar.core.loading import get_model

from cms.models import HomePage
from tests.factories import sellable_product

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    call_command("load_demo_pages", verbosity=0)
    page = HomePage.objects.get(locale__language_code="vi")
    page.featured_product_links.all().delete()
    page.featured_count = 2
    page.save()
    cache.clear()
    return page


def _aged(product, days):
    Product.objects.filter(pk=product.pk).update(
        date_created=product.date_created - timedelta(days=days)
    )


def test_the_newest_sellable_ones_even_behind_many_newer_unsellable(home, client):
    older = [sellable_product(title=f"Chè Shan tuyết số {i}", price=200000) for i in (1, 2)]
    for i, product in enumerate(older):
        _aged(product, 30 + i)
    for i in range(9):  # newer than both, none priced: more than the window of 4 x 2
        newer = sellable_product(title=f"Nước mắm chưa có giá {i}", price=100000)
        StockRecord.objects.filter(product=newer).update(price=None)
    titles = [p.title for p in HomePage.objects.get(pk=home.pk).featured_products()]
    assert titles == ["Chè Shan tuyết số 1", "Chè Shan tuyết số 2"]
    html = client.get("/").content.decode()
    assert "Chè Shan tuyết số 1" in html and "Nước mắm chưa có giá" not in html


def test_within_the_window_the_newest_come_first(home):
    products = [sellable_product(title=f"Mật ong số {i}", price=300000) for i in range(5)]
    for i, product in enumerate(products):
        _aged(product, i)  # "Mật ong số 0" is the newest
    StockRecord.objects.filter(product=products[0]).update(price=None)
    titles = [p.title for p in HomePage.objects.get(pk=home.pk).featured_products()]
    assert titles == ["Mật ong số 1", "Mật ong số 2"]


def test_a_stored_card_leaves_the_home_page_when_its_certificate_is_revoked(
    home, client, django_capture_on_commit_callbacks
):
    products = [sellable_product(title=f"Trà hoa vàng số {i}", price=300000) for i in range(3)]
    for i, product in enumerate(products):
        _aged(product, i)
    assert "Trà hoa vàng số 0" in client.get("/").content.decode()  # its card now stored
    certificate = products[0].certificates.get()
    with django_capture_on_commit_callbacks(execute=True):
        certificate.status = "revoked"
        certificate.save()
    html = client.get("/").content.decode()
    assert "Trà hoa vàng số 0" not in html
    assert "Trà hoa vàng số 1" in html and "Trà hoa vàng số 2" in html


def test_the_rule_is_asked_about_the_first_few_only_when_they_sell(home, client, monkeypatch):
    """Cold (no card stored), with 2 to show out of 8: the rule is asked about the first 3
    (2 and half as many again), not the whole window of 8; when those do not make 2, about
    the window."""
    from shop.catalogue import cards

    products = [sellable_product(title=f"Chè Thái Nguyên số {i}", price=150000) for i in range(8)]
    for i, product in enumerate(products):
        _aged(product, i)  # "số 0" is the newest

    asked = []
    original = cards._load

    def spy(sellable, ids, stored, **kwargs):
        if kwargs.get("kind", cards.PRODUCT_CARDS) is cards.PRODUCT_CARDS:
            asked.append([pk for pk in ids if pk not in stored])
        return original(sellable, ids, stored, **kwargs)

    monkeypatch.setattr(cards, "_load", spy)
    html = client.get("/").content.decode()
    assert "Chè Thái Nguyên số 0" in html and "Chè Thái Nguyên số 1" in html
    assert [len(ids) for ids in asked] == [3]

    StockRecord.objects.filter(product__in=products[:2]).update(price=None)
    cache.clear()
    asked.clear()
    html = client.get("/").content.decode()
    assert "Chè Thái Nguyên số 0" not in html
    assert "Chè Thái Nguyên số 2" in html and "Chè Thái Nguyên số 3" in html
    assert [len(ids) for ids in asked] == [3, 8]

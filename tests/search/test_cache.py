"""Fast search without ever offering what cannot be sold: the documents' sellable flags
(THE rule, per day) with the certificate dates beside them, and cached results keyed by
versions and the date. A cached result never shows a product after its certificate lapses,
its stock runs out or its price goes."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from oscar.core.loading import get_model

from search import documents_db, service
from search.models import ProductDocument
from search.service import ProductQuery
from shop.ocop.models import Certificate
from shop.ocop.rules import today

StockRecord = get_model("partner", "StockRecord")
VN = ZoneInfo("Asia/Ho_Chi_Minh")

pytestmark = pytest.mark.django_db


@pytest.fixture
def database(backend):
    if backend != "database":
        pytest.skip("the flags and the result cache are the database backend's")


def _shown(query):
    result = service.search(query)
    return [p.title for p in result.products], result.total


def _day_after(day):
    return datetime.combine(day + timedelta(days=1), datetime.min.time(), VN) + timedelta(minutes=5)


def test_a_repeated_search_is_served_from_the_cache(shelf, database, django_assert_max_num_queries):
    service.search(ProductQuery(q="mat ong"))
    with django_assert_max_num_queries(30) as first:
        service.search(ProductQuery(q="mat ong", sort="price-asc"))
    with django_assert_max_num_queries(len(first.captured_queries) - 1) as again:
        result = service.search(ProductQuery(q="mat ong", sort="price-asc"))
    assert [p.title for p in result.products] == ["Mật ong hoa nhãn", "Sữa ong chúa mật hoa"]
    assert result.total == 2
    assert not any("search_productdocument" in q["sql"] for q in again.captured_queries)


def test_a_cached_result_drops_a_product_whose_certificate_lapsed_at_midnight(shelf, database):
    honey = shelf["honey"]
    Certificate.objects.filter(product=honey).update(valid_until=today())
    documents_db.reindex([honey.pk])
    assert _shown(ProductQuery(q="mat ong")) == (
        ["Mật ong hoa nhãn", "Sữa ong chúa mật hoa"],
        2,
    )
    with time_machine.travel(_day_after(today()), tick=False):
        assert _shown(ProductQuery(q="mat ong")) == (["Sữa ong chúa mật hoa"], 1)
        facets = service.search(ProductQuery(q="mat ong")).facets
        assert {v.value: v.count for v in facets["stars"].values} == {"4": 1}


def test_a_stale_flag_never_offers_an_expired_product(shelf, database):
    """Even if the flags were not recomputed after midnight (marked fresh by hand here),
    the certificate dates beside them keep the expired product out of the count and
    facets, not only off the screen."""
    honey = shelf["honey"]
    Certificate.objects.filter(product=honey).update(valid_until=today())
    documents_db.reindex([honey.pk])
    tomorrow = today() + timedelta(days=1)
    ProductDocument.objects.update(sellable_on=tomorrow)  # a flag computed "yesterday"
    assert ProductDocument.objects.get(product=honey).sellable is True
    with time_machine.travel(_day_after(today()), tick=False):
        result = service.search(ProductQuery(q="mat ong"))
    assert honey.pk not in result.ids
    assert result.total == 1
    assert [p.title for p in result.products] == ["Sữa ong chúa mật hoa"]


def test_flags_are_recomputed_at_the_first_search_of_a_day(shelf, database):
    honey = shelf["honey"]
    Certificate.objects.filter(product=honey).update(valid_until=today())
    documents_db.reindex()
    day = today()
    with time_machine.travel(_day_after(day), tick=False):
        service.search(ProductQuery(q="tra"))
        document = ProductDocument.objects.get(product=honey)
        assert document.sellable_on == day + timedelta(days=1)
        assert document.sellable is False
        assert ProductDocument.objects.get(product=shelf["tea"]).sellable is True


def test_the_daily_flag_check_is_not_paid_by_every_search(
    shelf, database, monkeypatch, django_assert_max_num_queries
):
    """After the first search of a day recomputed the flags, later searches (not served
    from the result cache) neither recompute them nor ask whether they are stale."""
    documents_db.reindex()
    with time_machine.travel(_day_after(today()), tick=False):
        service.search(ProductQuery(q="tra"))  # the day's first: flags recomputed
        recomputed = []
        monkeypatch.setattr(documents_db, "refresh_sellable", lambda *a, **k: recomputed.append(1))
        with django_assert_max_num_queries(30) as later:
            service.search(ProductQuery(q="mat ong"))
            service.search(ProductQuery(q="che", sort="price-asc"))
    assert recomputed == []
    stale_checks = [
        q["sql"]
        for q in later.captured_queries
        if q["sql"].startswith('SELECT 1 AS "a" FROM "search_productdocument"')
    ]
    assert stale_checks == [], stale_checks


def test_a_renewed_certificate_keeps_the_product_after_the_old_one_ends(shelf, database):
    honey = shelf["honey"]
    old = Certificate.objects.get(product=honey)
    Certificate.objects.filter(pk=old.pk).update(valid_until=today())
    renewal = Certificate.objects.get(pk=old.pk)
    renewal.pk = None
    renewal.certificate_no = "RENEWED-1"
    renewal.product_code = "RENEWED-P-1"
    renewal.valid_from = today() + timedelta(days=1)
    renewal.valid_until = today() + timedelta(days=900)
    renewal.save()
    documents_db.reindex()
    with time_machine.travel(_day_after(today()), tick=False):
        titles, total = _shown(ProductQuery(q="mat ong"))
    assert titles == ["Mật ong hoa nhãn", "Sữa ong chúa mật hoa"] and total == 2


def test_a_cached_result_follows_a_revoked_certificate(
    shelf, database, django_capture_on_commit_callbacks
):
    assert _shown(ProductQuery(q="mat ong"))[1] == 2  # now cached
    certificate = Certificate.objects.get(product=shelf["honey"])
    with django_capture_on_commit_callbacks(execute=True):
        certificate.status = "revoked"
        certificate.save()
    assert _shown(ProductQuery(q="mat ong")) == (["Sữa ong chúa mật hoa"], 1)


def test_a_cached_result_follows_stock_and_price(
    shelf, database, django_capture_on_commit_callbacks
):
    in_stock = ProductQuery(q="mat ong", in_stock=True)
    assert _shown(in_stock)[1] == 2  # cached
    record = StockRecord.objects.get(product=shelf["honey"])
    with django_capture_on_commit_callbacks(execute=True):
        record.num_in_stock = 0
        record.save()
    assert _shown(in_stock) == (["Sữa ong chúa mật hoa"], 1)
    assert _shown(ProductQuery(q="mat ong"))[1] == 2  # out of stock is still for sale

    with django_capture_on_commit_callbacks(execute=True):
        record.price = None
        record.save()
    assert _shown(ProductQuery(q="mat ong")) == (["Sữa ong chúa mật hoa"], 1)  # no price


def test_a_cached_result_is_checked_again_before_showing(shelf, database):
    """Behind every back (no signal, no flag refresh, the result cached): the page still
    never shows the product, because its products go through THE rule on every request."""
    assert _shown(ProductQuery(q="mat ong"))[1] == 2
    StockRecord.objects.filter(product=shelf["honey"]).update(price=None)
    titles, _total = _shown(ProductQuery(q="mat ong"))
    assert titles == ["Sữa ong chúa mật hoa"]


def test_a_registry_sync_drops_cached_results(shelf, database, django_capture_on_commit_callbacks):
    from shop.signals import catalogue_changed

    assert _shown(ProductQuery(q="mat ong"))[1] == 2
    Certificate.objects.filter(product=shelf["honey"]).update(status="suspended")
    with django_capture_on_commit_callbacks(execute=True):
        catalogue_changed.send(sender=None, product_ids=None)
    assert _shown(ProductQuery(q="mat ong")) == (["Sữa ong chúa mật hoa"], 1)


def _gift_of_honey(shelf):
    from tests.factories import gift_set

    gift = gift_set([(shelf["honey"], 1), (shelf["tea"], 1)], title="Giỏ quà mật ong và chè")
    documents_db.reindex([gift.pk])
    return gift


def test_a_gift_set_follows_its_components_certificates(
    shelf, database, django_capture_on_commit_callbacks
):
    gift = _gift_of_honey(shelf)
    document = ProductDocument.objects.get(product=gift)
    honey_until = Certificate.objects.get(product=shelf["honey"]).valid_until
    tea_until = Certificate.objects.get(product=shelf["tea"]).valid_until
    assert document.sellable is True
    assert document.valid_until == min(honey_until, tea_until)  # the narrowest window
    assert "Giỏ quà mật ong và chè" in _shown(ProductQuery(q="gio qua"))[0]

    certificate = Certificate.objects.get(product=shelf["honey"])
    with django_capture_on_commit_callbacks(execute=True):
        certificate.status = "revoked"
        certificate.save()  # the honey's change reaches the gift set holding it
    assert ProductDocument.objects.get(product=gift).sellable is False
    assert _shown(ProductQuery(q="gio qua")) == ([], 0)


def test_a_stale_gift_set_flag_never_offers_it_past_a_components_certificate(shelf, database):
    gift = _gift_of_honey(shelf)
    Certificate.objects.filter(product=shelf["honey"]).update(valid_until=today())
    documents_db.refresh_sellable([gift.pk])
    assert ProductDocument.objects.get(product=gift).valid_until == today()
    ProductDocument.objects.update(sellable_on=today() + timedelta(days=1))  # stale flags
    with time_machine.travel(_day_after(today()), tick=False):
        result = service.search(ProductQuery(q="gio qua"))
    assert result.total == 0 and result.ids == []


def _set_price(product, price, capture):
    from decimal import Decimal

    record = StockRecord.objects.get(product=product)
    with capture(execute=True):
        record.price = Decimal(price)
        record.save()


def _price_counts(result):
    return {v.value: v.count for v in result.facets["price"].values}


def test_a_price_change_within_its_band_keeps_the_results_not_sorted_by_price(
    shelf, database, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    """A result holds no price (the cards show it): a price moved within its band leaves
    the matches, their order, the facets and the total as they were, so the browse result
    stays cached, while the price sort is searched again."""
    browse, cheapest = ProductQuery(), ProductQuery(sort="price-asc")
    counts = _price_counts(service.search(browse))
    assert [p.title for p in service.search(cheapest).products][:3] == [
        "Bánh da bò", "Bánh đa cua", "Đường thốt nốt Trần Gia",
    ]  # fmt: skip
    _set_price(shelf["banh_da"], 90000, django_capture_on_commit_callbacks)  # still < 100.000

    with django_assert_max_num_queries(30) as browsing:
        result = service.search(browse)
    assert not any("search_productdocument" in q["sql"] for q in browsing.captured_queries)
    assert _price_counts(result) == counts
    shown = {p.title: p for p in result.products}
    assert shown["Bánh đa cua"].stockrecords.all()[0].price == 90000  # the card's own price
    assert [p.title for p in service.search(cheapest).products][:3] == [
        "Bánh da bò", "Đường thốt nốt Trần Gia", "Bánh đa cua",
    ]  # fmt: skip


def test_a_price_moving_to_another_band_recounts_the_facets(
    shelf, database, django_capture_on_commit_callbacks
):
    before = _price_counts(service.search(ProductQuery()))
    _set_price(shelf["banh_da"], 150000, django_capture_on_commit_callbacks)
    after = _price_counts(service.search(ProductQuery()))
    assert after["lt100"] == before["lt100"] - 1
    assert after["100-300"] == before["100-300"] + 1
    banded = service.search(ProductQuery(price="100-300"))
    assert "Bánh đa cua" in [p.title for p in banded.products]

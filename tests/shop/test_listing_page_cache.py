"""Whole anonymous pages besides the product page: catalogue, search, gift listing and CMS
pages are served from cache with no query, and drop out when what they list changes."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from search import documents_db
from tests.factories import sellable_product

StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db

CATALOGUE = reverse("catalogue:index")
SEARCH = reverse("search:search")


def fetch(url):
    return Client().get(url)


def product(**kwargs):
    made = sellable_product(**kwargs)
    documents_db.reindex()  # what the commit of a product's save does (search.receivers)
    return made


def changed():
    documents_db.refresh_sellable()


@pytest.mark.parametrize(
    "url, queries",
    # A stored CMS page is answered before Wagtail's routing (cms.views.serve).
    [(CATALOGUE, 0), (f"{SEARCH}?q=mat+ong", 0), (reverse("gifts:list"), 0), ("/", 0)],
)
def test_second_visit_is_a_hit_with_no_queries(url, queries, django_assert_max_num_queries):
    from tests.cms.helpers import home_page

    home_page()
    product(title="Mật ong bạc hà Mèo Vạc", price=280000)
    cache.clear()
    first = fetch(url)
    assert first.status_code == 200 and "X-Page-Cache" not in first
    with django_assert_max_num_queries(queries):
        second = fetch(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content.decode().count("csrfmiddlewaretoken") == first.content.decode().count(
        "csrfmiddlewaretoken"
    )


def test_a_price_change_drops_the_cached_catalogue_and_search():
    item = product(title="Mật ong bạc hà Mèo Vạc", price=280000)
    for url in (CATALOGUE, f"{SEARCH}?q=mat+ong"):
        assert "280.000" in fetch(url).content.decode()
        assert fetch(url)["X-Page-Cache"] == "hit"
    record = StockRecord.objects.get(product=item)
    record.price = 310000
    record.save()
    documents_db.reindex([item.pk])
    for url in (CATALOGUE, f"{SEARCH}?q=mat+ong"):
        response = fetch(url)
        assert "X-Page-Cache" not in response
        assert "310.000" in response.content.decode() and "280.000" not in response.content.decode()


def test_a_revoked_certificate_leaves_the_cached_catalogue_at_once():
    item = product(title="Mật ong bạc hà Mèo Vạc", price=280000)
    assert "Mật ong bạc hà Mèo Vạc" in fetch(CATALOGUE).content.decode()
    certificate = item.certificates.get()
    certificate.status = "revoked"
    certificate.save()
    changed()
    assert "Mật ong bạc hà Mèo Vạc" not in fetch(CATALOGUE).content.decode()


def test_signed_in_shoppers_and_query_variants_are_not_served_anothers_page(django_user_model):
    product(title="Mật ong bạc hà Mèo Vạc")
    fetch(CATALOGUE)
    assert fetch(CATALOGUE)["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in fetch(f"{CATALOGUE}?sort=price-asc")
    user = django_user_model.objects.create_user("lan", "lan@example.vn", "x")
    client = Client()
    client.force_login(user)
    assert "X-Page-Cache" not in client.get(CATALOGUE)


def test_publishing_a_cms_page_drops_cached_pages():
    from tests.cms.helpers import home_page

    home = home_page()
    fetch("/")
    assert fetch("/")["X-Page-Cache"] == "hit"
    home.title = home.title + " mới"
    home.save_revision().publish()
    assert "X-Page-Cache" not in fetch("/")


def test_a_password_protected_page_is_never_served_from_cache_to_another_visitor():
    from wagtail.models import PageViewRestriction

    from cms.models import StandardPage
    from tests.cms.helpers import home_page, publish

    secret = publish(
        home_page(),
        StandardPage(title="Giá sỉ cho đại lý", slug="gia-si", intro="Chiết khấu 30 % cho đại lý"),
    )
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="dai-ly-2027"
    )
    cache.clear()
    insider = Client()
    unlock = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, secret.pk])
    unlocked = insider.post(unlock, {"password": "dai-ly-2027", "return_url": secret.url})
    assert unlocked.status_code == 302, unlocked.content.decode()[-800:]
    for _ in range(2):
        shown = insider.get(secret.url)
        assert "Chiết khấu 30 %" in shown.content.decode()
        assert "X-Page-Cache" not in shown
    stranger = Client().get(secret.url)
    assert stranger.status_code == 200
    assert "Chiết khấu 30 %" not in stranger.content.decode()
    assert 'name="password"' in stranger.content.decode()


def test_a_stored_category_page_takes_no_query_and_a_wrong_slug_still_redirects(
    django_assert_max_num_queries,
):
    Category = get_model("catalogue", "Category")
    food = Category.add_root(name="Thực phẩm", slug="thuc-pham", is_public=True)
    item = product(title="Mật ong bạc hà Mèo Vạc", price=280000)
    item.categories.add(food)
    url = food.get_absolute_url()
    assert "Mật ong bạc hà Mèo Vạc" in fetch(url).content.decode()
    with django_assert_max_num_queries(0):
        assert fetch(url)["X-Page-Cache"] == "hit"
    wrong = url.replace("thuc-pham", "sai-ten")
    assert fetch(wrong).status_code == 301
    food.is_public = False
    food.save()
    assert fetch(url).status_code == 404  # a hidden category is not served from the cache

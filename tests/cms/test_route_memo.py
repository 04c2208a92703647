"""A public CMS page rendered afresh (after a product change dropped the stored copy) skips
Wagtail's routing: its route was remembered under the content version. Anything that
changes who may see which page (a restriction, unpublishing, a move) or another host or
language never reuses it."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from cms.models import StandardPage
from shop.catalogue.cache import invalidate_products
from tests.cms.helpers import home_page, publish
from tests.factories import sellable_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms():
    page = publish(
        home_page(),
        StandardPage(title="Điều khoản sử dụng", slug="dieu-khoan", intro="Điều khoản mua bán"),
    )
    cache.clear()
    return page


def afresh(url, **extra):
    """The page as the first visitor after a product change gets it, and its queries."""
    honey = sellable_product(title="Mật ong bạc hà", price=300000)
    invalidate_products([honey.pk])
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url, **extra)
    assert "X-Page-Cache" not in response
    return response, [q["sql"] for q in queries.captured_queries]


def test_a_public_page_rendered_afresh_skips_routing_and_restriction_lookups(terms):
    assert Client().get(terms.url).status_code == 200  # routed by Wagtail, route remembered
    response, sql = afresh(terms.url)
    assert response.status_code == 200
    assert "Điều khoản mua bán" in response.content.decode()
    assert not [q for q in sql if "wagtailcore_site" in q or "wagtailcore_pageviewrestriction" in q]


def test_a_restriction_added_later_is_enforced_on_the_next_request(terms):
    assert Client().get(terms.url).status_code == 200
    PageViewRestriction.objects.create(
        page=terms, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"
    )
    response, _ = afresh(terms.url)
    assert "Điều khoản mua bán" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_an_unpublished_page_is_gone_on_the_next_request(terms):
    assert Client().get(terms.url).status_code == 200
    terms.unpublish()
    response, _ = afresh(terms.url)
    assert response.status_code == 404


def test_another_host_is_routed_by_its_own_site(terms):
    assert Client().get(terms.url).status_code == 200
    other_root = publish(home_page(), StandardPage(title="Trang đối tác", slug="doi-tac"))
    Site.objects.create(hostname="doitac.example", root_page=other_root, site_name="Đối tác")
    cache.clear()
    assert Client().get(terms.url).status_code == 200
    response, _ = afresh(terms.url, HTTP_HOST="doitac.example")
    assert response.status_code == 404  # that site has no such page; nothing reused


def test_a_signed_in_visitor_is_routed_by_wagtail(terms, django_user_model):
    assert Client().get(terms.url).status_code == 200
    user = django_user_model.objects.create_user("lan", "lan@example.vn", "x")
    visitor = Client()
    visitor.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert visitor.get(terms.url).status_code == 200
    assert [q for q in queries.captured_queries if "wagtailcore_site" in q["sql"]]


def test_a_routable_page_and_its_subpage_are_served_from_the_remembered_route():
    from tests.cms.helpers import fair

    page = fair(title="Hội chợ OCOP mùa Tết")
    cache.clear()
    calendar = page.url + "lich/"
    assert Client().get(page.url).status_code == 200
    assert Client().get(calendar).status_code == 200
    response, sql = afresh(page.url)
    assert "Hội chợ OCOP mùa Tết" in response.content.decode()
    assert not [q for q in sql if "wagtailcore_site" in q or "wagtailcore_pageviewrestriction" in q]
    response, sql = afresh(calendar)
    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Hội chợ OCOP mùa Tết" in response.content.decode()
    assert not [q for q in sql if "wagtailcore_site" in q]

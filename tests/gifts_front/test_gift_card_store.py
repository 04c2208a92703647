"""Gift cards are stored as product cards are (gift_tags.gift_cards): the home page and the
gift listing rendered afresh after another product changed take a gift set's card as it
was, without asking THE rule about the set again, yet a set whose component sold out or
lapsed, or whose price changed, never shows as it was."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from shop.ocop.models import Certificate
from shop.ocop.rules import today
from tests.cms.helpers import home_page
from tests.factories import sellable_product

from .helpers import simple_set

StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db

LIST_URL = "/shop/qua-tang/"


@pytest.fixture
def sets():
    home_page()
    kept, other = simple_set("Giỏ quà Sum vầy", 890000), simple_set("Giỏ quà Phú quý", 990000)
    cache.clear()
    return kept, other


def afresh(url: str) -> tuple[str, list[str]]:
    """The page rendered afresh (not a stored page) and the SQL it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def save(capture, instance, **fields):
    with capture(execute=True):
        for name, value in fields.items():
            setattr(instance, name, value)
        instance.save()


def test_home_takes_stored_gift_cards_after_another_product_changed(
    sets, django_capture_on_commit_callbacks
):
    kept, other = sets
    unrelated = sellable_product(title="Nước mắm Phú Quốc", price=150000)
    Client().get("/")  # the page and its cards stored
    save(
        django_capture_on_commit_callbacks,
        StockRecord.objects.get(product=unrelated),
        price=Decimal(160000),
    )
    html, sql = afresh("/")
    assert f'data-gift="{kept.pk}"' in html and f'data-gift="{other.pk}"' in html
    assert "890.000\u00a0₫" in html and "990.000\u00a0₫" in html
    # Neither set was loaded again: no gift set's components were read.
    assert not [q for q in sql if q.startswith('SELECT "gifts_giftcomponent"')]


def test_a_set_whose_component_lapsed_leaves_the_home_page_and_the_listing(
    sets, django_capture_on_commit_callbacks
):
    kept, other = sets
    for url in ("/", LIST_URL):
        assert f'data-gift="{other.pk}"' in Client().get(url).content.decode()
    component = other.gift_set.components.first().product
    certificate = Certificate.objects.get(product=component)
    save(
        django_capture_on_commit_callbacks,
        certificate,
        valid_until=today() - timedelta(days=1),
    )
    for url in ("/", LIST_URL):
        html, _sql = afresh(url)
        assert f'data-gift="{kept.pk}"' in html, url
        assert f'data-gift="{other.pk}"' not in html, url


def test_a_set_whose_component_sold_out_leaves_the_home_page(
    sets, django_capture_on_commit_callbacks
):
    kept, other = sets
    assert f'data-gift="{other.pk}"' in Client().get("/").content.decode()
    component = other.gift_set.components.get(quantity=2).product
    save(
        django_capture_on_commit_callbacks,
        StockRecord.objects.get(product=component),
        num_in_stock=1,  # the set needs 2
    )
    html, _sql = afresh("/")
    assert f'data-gift="{kept.pk}"' in html
    assert f'data-gift="{other.pk}"' not in html


def test_a_sets_new_price_shows_on_the_home_page_and_the_listing(
    sets, django_capture_on_commit_callbacks
):
    kept, _other = sets
    for url in ("/", LIST_URL):
        assert "890.000\u00a0₫" in Client().get(url).content.decode()
    save(
        django_capture_on_commit_callbacks,
        StockRecord.objects.get(product=kept),
        price=Decimal(850000),
    )
    for url in ("/", LIST_URL):
        html, _sql = afresh(url)
        assert "850.000\u00a0₫" in html and "890.000\u00a0₫" not in html, url


def test_a_signed_in_shopper_gets_the_cards_rendered(sets, django_user_model):
    kept, _other = sets
    Client().get("/")  # stored for anonymous visitors
    StockRecord.objects.filter(product=kept).update(price=Decimal(870000))  # no signal
    client = Client()
    client.force_login(django_user_model.objects.create_user("an", "an@example.vn", "x"))
    assert "870.000\u00a0₫" in client.get(LIST_URL).content.decode()

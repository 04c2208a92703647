"""Product cards are stored per product version (card_tags.product_cards): a listing
rendered afresh after one product changed takes the other cards as they were, yet no card
is ever stale, and the basket button of a stored card carries this visitor's token."""

from decimal import Decimal
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from search import documents_db
from shop.ocop.models import Certificate
from tests.factories import gift_set, sellable_product
from tests.shop.page_forms import add_to_basket

StockRecord = get_model("partner", "StockRecord")
Basket = get_model("basket", "Basket")
pytestmark = pytest.mark.django_db

CATALOGUE = "/shop/catalogue/"
AMOUNT = '<span class="price__amount">'


@pytest.fixture
def honey_and_tea():
    honey = sellable_product(title="Mật ong bạc hà Hà Giang", price=300000)
    tea = sellable_product(title="Chè búp Tân Cương", price=150000)
    documents_db.reindex()
    cache.clear()
    return honey, tea


def listing(url=CATALOGUE, client=None) -> str:
    response = (client or Client()).get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response  # rendered afresh, cards from the store or not
    return response.content.decode()


def change_price(product, price, capture):
    record = StockRecord.objects.get(product=product)
    with capture(execute=True):
        record.price = Decimal(price)
        record.save()
    documents_db.reindex([product.pk])


def test_a_price_change_renders_only_that_card_and_shows_the_new_price(
    honey_and_tea, django_capture_on_commit_callbacks
):
    honey, tea = honey_and_tea
    assert f"{AMOUNT}300.000" in listing()
    from shop.catalogue.templatetags import card_tags

    with mock.patch.object(card_tags, "render_product", wraps=card_tags.render_product) as render:
        change_price(honey, 320000, django_capture_on_commit_callbacks)
        html = listing()
    assert f"{AMOUNT}320.000" in html and f"{AMOUNT}300.000" not in html
    assert f"{AMOUNT}150.000" in html  # the tea's card, as stored
    assert [call.args[1] for call in render.call_args_list] == [honey]


def test_a_revoked_certificate_takes_the_stored_card_off_the_listing(
    honey_and_tea, django_capture_on_commit_callbacks
):
    honey, tea = honey_and_tea
    assert "Mật ong bạc hà Hà Giang" in listing()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = Certificate.objects.get(product=honey)
        certificate.status = "revoked"
        certificate.save()
    documents_db.reindex([honey.pk])
    html = listing()
    assert "Mật ong bạc hà Hà Giang" not in html
    assert "Chè búp Tân Cương" in html


def test_a_renamed_producer_shows_on_the_stored_cards(honey_and_tea):
    honey, tea = honey_and_tea
    assert "Chè búp Tân Cương" in listing()
    producer = tea.stockrecords.get().partner
    producer.name = "HTX Chè Hảo Đạt"
    producer.save()
    assert "HTX Chè Hảo Đạt" in listing()


def test_a_gift_card_follows_its_components(honey_and_tea, django_capture_on_commit_callbacks):
    honey, tea = honey_and_tea
    gift = gift_set([(honey, 1), (tea, 1)], title="Giỏ quà Tết Sum Vầy")
    documents_db.reindex()
    url = reverse("gifts:list")
    assert "Giỏ quà Tết Sum Vầy" in Client().get(url).content.decode()
    assert "Giỏ quà Tết Sum Vầy" in listing()
    with django_capture_on_commit_callbacks(execute=True):
        record = StockRecord.objects.get(product=tea)
        record.num_in_stock = 0
        record.save()
    documents_db.reindex([tea.pk, gift.pk])
    assert "Giỏ quà Tết Sum Vầy" not in listing()


def test_the_basket_button_of_a_stored_card_works_for_the_next_visitor(
    honey_and_tea, django_capture_on_commit_callbacks
):
    honey, tea = honey_and_tea
    listing()  # both cards stored
    change_price(honey, 320000, django_capture_on_commit_callbacks)
    visitor = Client(enforce_csrf_checks=True)
    html = listing(client=visitor)
    form = html.split(f'action="{reverse("basket:add", kwargs={"pk": tea.pk})}"')[1]
    response = add_to_basket(visitor, tea, form)
    assert response.status_code == 302
    basket = Basket.objects.get()
    assert [line.product for line in basket.all_lines()] == [tea]


def test_a_signed_in_shopper_gets_cards_rendered_for_them(honey_and_tea, django_user_model):
    listing()  # stored for anonymous visitors
    user = django_user_model.objects.create_user("lan", "lan@example.vn", "x")
    shopper = Client()
    shopper.force_login(user)
    from shop.catalogue.templatetags import card_tags

    with mock.patch.object(card_tags, "render_product", wraps=card_tags.render_product) as render:
        assert "Chè búp Tân Cương" in shopper.get(CATALOGUE).content.decode()
    assert render.call_count == 2

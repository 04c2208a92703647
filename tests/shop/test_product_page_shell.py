"""A product page rendered afresh after a price or stock change comes from its stored shell:
only its offer parts (buy box, the head's offer, variants, recommended cards) are rendered,
and the product is loaded but for its stock records from the store
(shop.catalogue.page_shell, shop.catalogue.cache.keep_product)."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop.catalogue import page_shell
from shop.catalogue.cache import product_shell_key
from tests.factories import sellable_product
from tests.shop.page_forms import add_to_basket

StockRecord = get_model("partner", "StockRecord")
Option = get_model("catalogue", "Option")
pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def fetch(url):
    return Client().get(url)


def reprice(product, price):
    record = StockRecord.objects.get(product=product)
    record.price = Decimal(price)
    record.save()


def comparable(html: str) -> str:
    return TOKEN.sub("TOKEN", html)


def test_after_a_price_change_the_page_is_the_shell_with_its_offer_rendered_afresh(
    django_assert_max_num_queries, monkeypatch
):
    product = sellable_product(title="Mật ong bạc hà Mèo Vạc", price=250000)
    fetch(product.get_absolute_url())  # stores the page, its shell and the loaded product
    reprice(product, 275000)
    # The stock records, and the view counter Oscar keeps.
    with django_assert_max_num_queries(2):
        response = fetch(product.get_absolute_url())
    assert "X-Page-Cache" not in response
    afresh = response.content.decode()
    assert "275.000" in afresh and "250.000" not in afresh
    assert re.search(r'"price": ?275000\b', afresh)  # the JSON-LD offer
    assert 'content="275000"' in afresh  # og price
    assert "Mật ong bạc hà Mèo Vạc" in afresh

    # Exactly the page a whole render gives (but for the visitor's CSRF token).
    cache.clear()
    whole = fetch(product.get_absolute_url()).content.decode()
    assert comparable(afresh) == comparable(whole)
    assert whole.count("<!--offer:buy-box-->") == 1


def test_the_shell_page_sells_with_the_visitors_own_token_and_basket_count():
    product = sellable_product(stock=5)
    fetch(product.get_absolute_url())
    reprice(product, 360000)
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(product.get_absolute_url()).content.decode()
    added = add_to_basket(visitor, product, html, quantity=2)
    assert added.status_code == 302
    visitor.get(reverse("basket:summary"))  # the "added" message is shown there
    reprice(product, 370000)
    page = visitor.get(product.get_absolute_url()).content.decode()
    assert re.search(r"data-basket-count>1<", page)
    assert "370.000" in page


def test_a_content_change_is_not_served_from_the_old_shell():
    product = sellable_product(title="Trà hoa vàng Ba Chẽ")
    fetch(product.get_absolute_url())
    product.title = "Trà hoa vàng Ba Chẽ loại đặc biệt"
    product.save()
    assert "loại đặc biệt" in fetch(product.get_absolute_url()).content.decode()
    certificate = product.certificates.get()
    certificate.status = "revoked"
    certificate.save()
    html = fetch(product.get_absolute_url()).content.decode()
    assert "thu hồi" in html
    assert reverse("basket:add", kwargs={"pk": product.pk}) not in html


def test_an_option_added_to_the_products_class_is_asked_at_once():
    product = sellable_product()
    option = Option.objects.create(name="Lời chúc trên thiệp", code="loi-chuc", required=False)
    assert "Lời chúc trên thiệp" not in fetch(product.get_absolute_url()).content.decode()
    product.get_product_class().options.add(option)
    assert "Lời chúc trên thiệp" in fetch(product.get_absolute_url()).content.decode()


def test_a_recommendation_added_shows_on_the_page_at_once():
    Recommendation = get_model("catalogue", "ProductRecommendation")
    page = sellable_product(title="Nước mắm Cửa Khe")
    other = sellable_product(title="Muối tôm Tây Ninh")
    assert "Muối tôm Tây Ninh" not in fetch(page.get_absolute_url()).content.decode()
    Recommendation.objects.create(primary=page, recommendation=other, ranking=1)
    assert "Muối tôm Tây Ninh" in fetch(page.get_absolute_url()).content.decode()


def test_no_shell_is_kept_for_a_page_without_offer_parts(rf):
    product = sellable_product()
    request = rf.get(product.get_absolute_url())
    page_shell.store(request, product, "some/template.html", "<html>350.000 ₫</html>")
    assert cache.get(product_shell_key(request, product, "some/template.html")) is None

"""Product cards (catalogue, search, CMS grids) for gifts: a gift set says how many items it
holds and who curated it, a box leads to its builder; neither names the packing point."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from oscar.core.loading import get_class

from tests.factories import ProducerFactory, sellable_product

from .helpers import box_type, gift_set, packing_point, squeeze

pytestmark = pytest.mark.django_db


def card(product) -> str:
    """The product card every grid renders (Oscar's render_product: search, CMS blocks)."""
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.strategy = get_class("partner.strategy", "Selector")().strategy(request=request)
    request.session = SessionStore()
    request.basket = None
    html = Template("{% load product_tags %}{% render_product product %}").render(
        Context({"product": product, "request": request})
    )
    assert "<article" in html
    return html


@pytest.fixture
def shelf():
    farm = ProducerFactory(name="HTX Chè Tân Cương")
    tea = sellable_product(title="Chè búp Tân Cương", price=250000, producer=farm, stock=20)
    lotus = sellable_product(title="Trà sen Tây Hồ", price=120000, producer=farm, stock=20)
    point = packing_point()
    platform_set = gift_set(
        title="Giỏ quà Tết Sum vầy",
        price=890000,
        components=[(tea, 2), (lotus, 3)],
        partner=point,
    )
    own_set = gift_set(
        title="Hộp chè Tân Cương biếu Tết", price=600000, components=[(tea, 2)], curator=farm
    )
    box = box_type(size=5, price=90000, partner=point)
    return {"platform": platform_set, "own": own_set, "box": box, "tea": tea}


def test_gift_set_cards_give_size_and_curator_not_the_packing_point(shelf):
    platform = squeeze(card(shelf["platform"]))
    assert "Giỏ quà · 5 món" in platform
    assert "Chợ OCOP tuyển chọn" in platform
    assert "Điểm tập kết" not in platform
    own = squeeze(card(shelf["own"]))
    assert "Giỏ quà · 2 món" in own and "HTX Chè Tân Cương tuyển chọn" in own
    assert "Thêm vào giỏ" in own  # a set is bought as it is


def test_box_card_leads_to_the_builder(shelf):
    box = shelf["box"]
    html = card(box.product)
    builder = reverse("gifts:box", kwargs={"pk": box.pk})
    assert f'href="{builder}"' in html
    assert "Chọn món cho hộp" in html and "Hộp quà tự chọn · 5 món" in squeeze(html)
    assert "Điểm tập kết" not in html


def test_plain_card_still_names_its_producer(shelf):
    html = card(shelf["tea"])
    assert "HTX Chè Tân Cương" in html and "data-gift-kind" not in html


def test_gift_set_page_has_no_empty_product_facts_box(client, shelf):
    html = client.get(shelf["platform"].get_absolute_url()).content.decode()
    assert "Trong giỏ quà có" in html
    assert "Thông tin sản phẩm" not in html  # nothing to list: no empty box
    assert "Thông tin sản phẩm" in client.get(shelf["tea"].get_absolute_url()).content.decode()

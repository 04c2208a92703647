"""Build-your-own box: choose a size, fill it from sellable products, one basket line."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from shop.gifts.models import BOX_CONTENTS_OPTION
from shop.ocop.rules import today
from tests.factories import ProducerFactory, sellable_product

from .helpers import box_type, place_basket, simple_set

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
BasketLine = get_model("basket", "Line")


@pytest.fixture
def box():
    return box_type(size=5, price=90000)


@pytest.fixture
def goods():
    """Three sellable products from two producers."""
    tea_farm, bee_farm = (
        ProducerFactory(name="HTX Chè Tân Cương"),
        ProducerFactory(name="HTX Mật ong Bắc Kạn"),
    )
    return {
        "tea": sellable_product(title="Chè búp Tân Cương", price=250000, producer=tea_farm),
        "lotus": sellable_product(title="Trà sen Tây Hồ", price=120000, producer=tea_farm),
        "honey": sellable_product(title="Mật ong rừng Bắc Kạn", price=200000, producer=bee_farm),
    }


def url(box):
    return reverse("gifts:box", kwargs={"pk": box.pk})


def post(client, box, quantities: dict, action="add"):
    data = {f"qty-{p.pk}": str(n) for p, n in quantities.items()}
    data["action"] = action
    return client.post(url(box), data)


def lines():
    return list(BasketLine.objects.all())


def test_box_list_shows_sizes_and_packaging_prices(client):
    for size, price in ((3, 60000), (5, 90000), (8, 150000)):
        box_type(size=size, price=price)
    html = client.get(reverse("gifts:boxes")).content.decode()
    for text in ("3 món", "5 món", "8 món", "60.000\u00a0₫", "90.000\u00a0₫", "150.000\u00a0₫"):
        assert text in html


def test_builder_lists_sellable_products_only(client, box, goods):
    lapsed = sellable_product(title="Chè hết hạn", valid_until=today() - timedelta(days=1))
    gift = simple_set("Giỏ quà Tết")
    html = client.get(url(box)).content.decode()
    assert f'name="qty-{goods["tea"].pk}"' in html
    assert f'name="qty-{lapsed.pk}"' not in html
    assert f'name="qty-{gift.pk}"' not in html
    assert f'name="qty-{box.product.pk}"' not in html
    assert "0</span>/5" in html  # the counter


def test_builder_filters_by_search_and_group(client, box, goods):
    wine = sellable_product(title="Rượu làng Vân", group="beverage", subgroup="alcoholic")
    response = client.get(url(box), {"q": "mật ong"})
    assert [r["product"] for r in response.context["rows"]] == [goods["honey"]]
    response = client.get(url(box), {"q": "mat ong"})  # typed without accents
    assert [r["product"] for r in response.context["rows"]] == [goods["honey"]]
    response = client.get(url(box), {"nhom": "beverage"})
    assert [r["product"] for r in response.context["rows"]] == [wine]


def test_builder_query_count_is_flat(client, box, goods, django_assert_max_num_queries):
    def count():
        client.get(url(box))
        with CaptureQueriesContext(connection) as queries:
            client.get(url(box))
        return len(queries)

    few = count()
    for n in range(10):
        sellable_product(title=f"Đặc sản số {n}")
    assert count() == few
    with django_assert_max_num_queries(20):
        client.get(url(box))


def test_builder_picked_rows_cost_the_same_queries_for_one_or_three(client, box, goods):
    def count(quantities):
        post(client, box, quantities, action="refresh")
        with CaptureQueriesContext(connection) as queries:
            response = post(client, box, quantities, action="refresh")
        assert len(response.context["chosen_rows"]) == len(quantities)
        return len(queries)

    sellable_product(title="Gạo ST25 Sóc Trăng")  # the candidates' page is never empty
    one = count({goods["tea"]: 1})
    assert count({goods["tea"]: 1, goods["lotus"]: 1, goods["honey"]: 2}) == one


def test_a_good_box_is_one_basket_line_with_its_contents_shown(client, box, goods):
    response = post(client, box, {goods["tea"]: 2, goods["lotus"]: 1, goods["honey"]: 2})
    assert response.status_code == 302 and response.url == reverse("basket:summary")
    [line] = lines()
    assert line.product == box.product and line.quantity == 1
    [attribute] = line.attributes.all()
    assert attribute.option.code == BOX_CONTENTS_OPTION
    stored = attribute.value if isinstance(attribute.value, list) else json.loads(attribute.value)
    assert sorted((i["product"], i["quantity"]) for i in stored) == sorted(
        [(goods["tea"].pk, 2), (goods["lotus"].pk, 1), (goods["honey"].pk, 2)]
    )
    page = client.get(reverse("basket:summary")).content.decode()
    assert "Hộp quà 5 món:" in page
    assert "2 × " in page and "Chè búp Tân Cương" in page and "Mật ong rừng Bắc Kạn" in page
    assert "noi-dung-hop-qua" not in page and '"product"' not in page  # no raw JSON
    # Packaging 90.000 + 2×250.000 + 120.000 + 2×200.000, priced by the server.
    assert "1.110.000\u00a0₫" in page


def test_two_different_boxes_are_two_lines_the_same_box_twice_is_one(client, box, goods):
    post(client, box, {goods["tea"]: 5})
    post(client, box, {goods["honey"]: 5})
    post(client, box, {goods["tea"]: 5})
    assert sorted(line.quantity for line in lines()) == [1, 2]


@pytest.mark.parametrize("quantities", [{"tea": 4}, {"tea": 3, "honey": 3}, {}])
def test_wrong_size_is_refused_and_nothing_added(client, box, goods, quantities):
    response = post(client, box, {goods[k]: n for k, n in quantities.items()})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Chưa thêm được hộp quà vào giỏ" in html
    assert "đúng 5 món" in html
    assert lines() == []
    # What was chosen is kept on the page.
    for key, n in quantities.items():
        assert f'name="qty-{goods[key].pk}" value="{n}"' in html


def test_a_non_sellable_product_posted_by_id_is_refused(client, box, goods):
    lapsed = sellable_product(title="Chè hết hạn", valid_until=today() - timedelta(days=1))
    response = post(client, box, {goods["tea"]: 4, lapsed: 1})
    assert response.status_code == 400
    assert "Chè hết hạn" in response.content.decode()
    assert "không còn bán được" in response.content.decode()
    assert lines() == []


def test_a_gift_set_or_unknown_id_cannot_go_in_a_box(client, box, goods):
    gift = simple_set("Giỏ quà Tết")
    response = post(client, box, {goods["tea"]: 4, gift: 1})
    assert response.status_code == 400
    assert "không thể đặt vào hộp quà" in response.content.decode()
    response = client.post(
        url(box), {f"qty-{goods['tea'].pk}": "4", "qty-999999": "1", "action": "add"}
    )
    assert response.status_code == 400
    assert "Có sản phẩm không còn trong cửa hàng" in response.content.decode()
    assert lines() == []


def test_more_than_in_stock_is_refused(client, box, goods):
    goods["honey"].stockrecords.update(num_in_stock=2)
    response = post(client, box, {goods["honey"]: 3, goods["tea"]: 2})
    assert response.status_code == 400
    assert "chỉ còn 2" in response.content.decode()
    assert lines() == []


def test_garbage_quantities_are_refused(client, box, goods):
    response = client.post(url(box), {f"qty-{goods['tea'].pk}": "năm", "action": "add"})
    assert response.status_code == 400
    assert "số nguyên" in response.content.decode()
    assert lines() == []


def test_refresh_without_javascript_keeps_the_choice(client, box, goods):
    """Filtering or paging posts the form: chosen items stay, listed under "Đã chọn"."""
    response = client.post(
        url(box), {f"qty-{goods['tea'].pk}": "2", "q": "mật ong", "action": "refresh"}
    )
    assert response.status_code == 200
    assert [r["product"] for r in response.context["chosen_rows"]] == [goods["tea"]]
    assert [r["product"] for r in response.context["rows"]] == [goods["honey"]]
    assert response.context["count"] == 2
    assert response.context["total"] == 90000 + 2 * 250000
    assert lines() == []


def test_box_product_page_leads_to_the_builder(client, box):
    html = client.get(box.product.get_absolute_url()).content.decode()
    assert url(box) in html
    assert 'id="add_to_basket_form"' not in html


def test_a_placed_box_shows_its_contents_on_the_shoppers_order_page(client, box, goods):
    from django.utils.html import strip_tags
    from oscar.test.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    post(client, box, {goods["tea"]: 2, goods["honey"]: 3})
    order = place_basket(user, number="900001")
    response = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    text = strip_tags(response.content.decode())
    assert "Hộp quà 5 món: 2 × Chè búp Tân Cương, 3 × Mật ong rừng Bắc Kạn" in " ".join(
        text.split()
    )
    assert '"product"' not in text and "Nội dung hộp quà" not in text

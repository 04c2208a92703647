"""The basket page costs the same number of queries with 1 or 4 box lines, and with 1 or 4
gift set lines: the contents' products are loaded for all lines in one go."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.test.factories import UserFactory

from tests.factories import ProducerFactory, sellable_product

from .helpers import box_type, simple_set, squeeze

pytestmark = pytest.mark.django_db

# Four different fillings of a 3-item box: four basket lines.
FILLINGS = [(3, 0, 0), (0, 3, 0), (1, 2, 0), (1, 1, 1)]


@pytest.fixture
def shopper(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def goods():
    farms = [ProducerFactory(name=f"HTX số {n}") for n in range(3)]
    titles = ["Chè búp Tân Cương", "Mật ong rừng Bắc Kạn", "Gạo ST25 Sóc Trăng"]
    return [
        sellable_product(title=title, price=100000 + 10000 * n, producer=farm, stock=50)
        for n, (title, farm) in enumerate(zip(titles, farms, strict=True))
    ]


def add_boxes(client, box, goods, count: int) -> None:
    for filling in FILLINGS[:count]:
        data = {f"qty-{p.pk}": str(n) for p, n in zip(goods, filling, strict=True) if n}
        data["action"] = "add"
        response = client.post(reverse("gifts:box", kwargs={"pk": box.pk}), data)
        assert response.status_code == 302, squeeze(response.content.decode())[-400:]


def basket_page(client) -> str:
    response = client.get(reverse("basket:summary"))
    assert response.status_code == 200
    return response.content.decode()


def queries_for(client, django_assert_num_queries, expected=None):
    """The basket page's query count (asserted equal to ``expected`` when given), measured
    on a second view (the first one stores the thumbnails it made)."""
    basket_page(client)
    if expected is None:
        with CaptureQueriesContext(connection) as ctx:
            basket_page(client)
        return len(ctx.captured_queries)
    with django_assert_num_queries(expected):
        html = basket_page(client)
    return html


def test_basket_page_queries_do_not_grow_with_box_lines(
    client, shopper, goods, django_assert_num_queries
):
    box = box_type(size=3, price=60000)
    add_boxes(client, box, goods, 1)
    one = queries_for(client, django_assert_num_queries)
    add_boxes(client, box, goods, 4)  # the first filling again is the same line
    html = queries_for(client, django_assert_num_queries, one)
    text = squeeze(html)
    assert html.count("data-gift-contents") == 4
    assert "Hộp quà 3 món: 1 × Chè búp Tân Cương, 1 × Mật ong rừng Bắc Kạn, 1 × Gạo" in text


def test_basket_page_queries_do_not_grow_with_gift_set_lines(
    client, shopper, django_assert_num_queries
):
    sets = [simple_set(f"Giỏ quà số {n}") for n in range(4)]

    def add(gift):
        response = client.post(reverse("basket:add", kwargs={"pk": gift.pk}), {"quantity": 1})
        assert response.status_code == 302

    add(sets[0])
    one = queries_for(client, django_assert_num_queries)
    for gift in sets[1:]:
        add(gift)
    html = queries_for(client, django_assert_num_queries, one)
    assert html.count("data-gift-contents") == 4
    assert "Trong giỏ quà có: 1 × Chè Giỏ quà số 3, 2 × Mật ong Giỏ quà số 3" in squeeze(html)

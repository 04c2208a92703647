"""The gift listing (/shop/qua-tang/), the home page's gift section and a gift set's page:
only sets shoppers can buy today, filtered by occasion and price band."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.models import HomeGiftSet, HomePage
from shop.ocop.rules import today
from tests.cms.helpers import home_page
from tests.factories import sellable_product

from .helpers import occasion, simple_set

pytestmark = pytest.mark.django_db

LIST_URL = "/shop/qua-tang/"


def titles(response) -> list[str]:
    return [p.get_title() for p in response.context["gifts"]]


def test_listing_shows_components_price_and_build_link(client):
    simple_set("Giỏ quà Tết Sum vầy", 890000)
    response = client.get(LIST_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Giỏ quà Tết Sum vầy" in html
    assert "890.000\u00a0₫" in html
    assert "1 × Chè Giỏ quà Tết Sum vầy" in html and "2 × Mật ong Giỏ quà Tết Sum vầy" in html
    assert reverse("gifts:boxes") in html


def test_listing_filters_by_occasion(client):
    tet, mid_autumn = occasion("tet-2027", "Tết 2027"), occasion("trung-thu", "Trung thu")
    simple_set("Giỏ Tết", occasions=[tet])
    simple_set("Hộp Trung thu", occasions=[mid_autumn])
    simple_set("Giỏ cả hai dịp", occasions=[tet, mid_autumn])

    assert sorted(titles(client.get(LIST_URL, {"dip": "tet-2027"}))) == [
        "Giỏ Tết",
        "Giỏ cả hai dịp",
    ]
    assert sorted(titles(client.get(LIST_URL, {"dip": "trung-thu"}))) == [
        "Giỏ cả hai dịp",
        "Hộp Trung thu",
    ]
    assert len(titles(client.get(LIST_URL))) == 3


@pytest.mark.parametrize(
    ("band", "expected"),
    [
        ("duoi-500k", ["Giỏ 450"]),
        ("500k-1tr", ["Giỏ 1000", "Giỏ 500"]),
        ("tren-1tr", ["Giỏ 1200"]),
        ("", ["Giỏ 1000", "Giỏ 1200", "Giỏ 450", "Giỏ 500"]),
    ],
)
def test_listing_filters_by_price_band(client, band, expected):
    for price in (450000, 500000, 1000000, 1200000):
        simple_set(f"Giỏ {price // 1000}", price)
    assert sorted(titles(client.get(LIST_URL, {"gia": band}))) == expected


def test_occasion_and_band_combine(client):
    tet = occasion("tet-2027", "Tết 2027")
    simple_set("Tết rẻ", 300000, occasions=[tet])
    simple_set("Tết sang", 1500000, occasions=[tet])
    simple_set("Không dịp, rẻ", 300000)
    assert titles(client.get(LIST_URL, {"dip": "tet-2027", "gia": "duoi-500k"})) == ["Tết rẻ"]


def _expire(product):
    product.certificates.update(valid_until=today() - timedelta(days=1))


def test_lapsed_set_is_not_listed_nor_on_the_home_page(client):
    kept = simple_set("Giỏ còn bán")
    lapsed = simple_set("Giỏ có món hết hạn")
    component = lapsed.gift_set.components.first().product
    _expire(component)

    assert titles(client.get(LIST_URL)) == ["Giỏ còn bán"]
    home = home_page()
    assert [p.pk for p in home.featured_gifts()] == [kept.pk]
    html = client.get("/").content.decode()
    assert f'data-gift="{kept.pk}"' in html
    assert f'data-gift="{lapsed.pk}"' not in html
    assert lapsed.get_absolute_url() not in html


def test_out_of_stock_component_hides_the_set(client):
    gift = simple_set("Giỏ hết hàng")
    component = gift.gift_set.components.get(quantity=2).product
    component.stockrecords.update(num_in_stock=1)  # a set needs 2
    assert titles(client.get(LIST_URL)) == []


def test_home_page_keeps_editors_picks_in_order_and_drops_lapsed_ones(client):
    first, second, lapsed = simple_set("Giỏ A"), simple_set("Giỏ B"), simple_set("Giỏ C")
    home = home_page()
    for product in (second, lapsed, first):
        HomeGiftSet.objects.create(page=home, product=product)
    _expire(lapsed.gift_set.components.first().product)
    home = HomePage.objects.get(pk=home.pk)
    assert [p.get_title() for p in home.featured_gifts()] == ["Giỏ B", "Giỏ A"]


def _count_queries(client, url) -> int:
    client.get(url)  # warm caches (sorl thumbnails' key-value store, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_listing_query_count_is_flat(client, django_assert_max_num_queries):
    tet = occasion("tet-2027", "Tết 2027")
    for n in range(2):
        simple_set(f"Giỏ {n}", occasions=[tet])
    few = _count_queries(client, LIST_URL + "?dip=tet-2027")
    for n in range(2, 10):
        simple_set(f"Giỏ {n}", occasions=[tet])
    many = _count_queries(client, LIST_URL + "?dip=tet-2027")
    assert many == few
    with django_assert_max_num_queries(15):
        client.get(LIST_URL + "?dip=tet-2027")


def test_gift_set_page_lists_what_is_inside_with_producers(client):
    gift = simple_set("Giỏ quà Sen")
    component = gift.gift_set.components.first().product
    producer = component.stockrecords.first().partner
    html = client.get(gift.get_absolute_url()).content.decode()
    assert "Trong giỏ quà có" in html
    assert component.get_absolute_url() in html
    assert producer.name in html
    assert "OCOP 4 sao" in html
    assert "Giỏ quà do Chợ OCOP tuyển chọn" in html
    # The packing point holds the set's stock record but is not a producer of it.
    assert "Nhà sản xuất:" not in html


def test_producer_curated_set_names_its_curator(client):
    from tests.factories import ProducerFactory

    producer = ProducerFactory(name="Hợp tác xã Sen Quê Bác")
    lotus = sellable_product(title="Hạt sen sấy", producer=producer, price=160000)
    tea = sellable_product(title="Trà tâm sen", producer=producer, price=90000)
    from .helpers import gift_set

    gift = gift_set(
        title="Giỏ quà Sen Quê Bác",
        price=450000,
        components=[(lotus, 1), (tea, 2)],
        curator=producer,
    )
    html = client.get(gift.get_absolute_url()).content.decode()
    assert "Giỏ quà do Hợp tác xã Sen Quê Bác tuyển chọn" in html
    listing = client.get(LIST_URL).content.decode()
    assert "Tuyển chọn bởi Hợp tác xã Sen Quê Bác" in listing


def test_home_gift_section_query_count_is_flat(client):
    home_page()
    for n in range(2):
        simple_set(f"Giỏ {n}")
    few = _count_queries(client, "/")
    for n in range(2, 8):
        simple_set(f"Giỏ {n}")
    assert _count_queries(client, "/") == few
    assert client.get("/").content.decode().count("data-gift=") == 4  # gifts_count


def test_gift_set_page_queries_do_not_grow_with_components(client):
    from oscar.test.factories import UserFactory

    from .helpers import gift_set

    client.force_login(UserFactory())  # signed in: the page is rendered, not cached
    small = gift_set(
        title="Giỏ nhỏ",
        price=300000,
        components=[(sellable_product(title=f"Món nhỏ {n}"), 1) for n in range(2)],
    )
    big = gift_set(
        title="Giỏ lớn",
        price=900000,
        components=[(sellable_product(title=f"Món lớn {n}"), 1) for n in range(7)],
    )
    assert _count_queries(client, big.get_absolute_url()) <= _count_queries(
        client, small.get_absolute_url()
    )


def test_listing_sorts_by_price(client):
    for price in (700000, 300000, 1200000):
        simple_set(f"Giỏ {price // 1000}", price)
    assert titles(client.get(LIST_URL, {"sap_xep": "gia-tang"})) == [
        "Giỏ 300",
        "Giỏ 700",
        "Giỏ 1200",
    ]
    assert titles(client.get(LIST_URL, {"sap_xep": "gia-giam"})) == [
        "Giỏ 1200",
        "Giỏ 700",
        "Giỏ 300",
    ]


def test_editors_see_the_gift_section_in_the_home_page_editor(admin_client):
    home = home_page()
    response = admin_client.get(f"/cms/pages/{home.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Giỏ quà biên tập chọn" in html and "Số giỏ quà hiển thị" in html

"""The shopper's basket page and the checkout preview cost the same number of queries for one
plain line as for five: what the strategy and THE rule read of each line's product (its
class, stock records, certificates, a variant's parent's) is loaded for all lines at once.
Placement still reads the rows again under its locks, not the page's snapshot."""

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core import prices
from oscar.core.loading import get_class, get_model
from oscar.test.factories import UserFactory

from shop.gifts.models import BOX_CONTENTS_OPTION
from shop.gifts.services import encode_box_contents
from shop.ocop.models import Certificate, CertificateStatus
from shop.order.utils import LinesCannotBeSold
from tests.factories import (
    CertificateFactory,
    ProducerFactory,
    ProductFactory,
    box_type,
    sellable_product,
)
from tests.gifts_front.helpers import squeeze

from .conftest import add_to_basket, options

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
Free = get_class("shipping.methods", "Free")

pytestmark = pytest.mark.django_db

TITLES = [
    "Chè búp Tân Cương",
    "Mật ong rừng Bắc Kạn",
    "Gạo ST25 Sóc Trăng",
    "Nước mắm Phú Quốc",
    "Bánh pía Sóc Trăng",
]


@pytest.fixture
def goods():
    """Five plain products from three producers, priced 350.000 ₫ to 390.000 ₫."""
    farms = [ProducerFactory(name=f"HTX số {n}") for n in range(3)]
    return [
        sellable_product(title=title, price=350000 + 10000 * n, stock=20, producer=farms[n % 3])
        for n, title in enumerate(TITLES)
    ]


def variant(title: str, price: int, *, parent=None):
    """A variant of a certified parent (the certificate is the parent's, and so is the
    class): the rule reads both through the parent."""
    if parent is None:
        producer = ProducerFactory(name="HTX Mật ong Tuyên Quang")
        parent = ProductFactory(structure=Product.PARENT, title="Mật ong bạc hà")
        CertificateFactory(product=parent, producer=producer)
    producer = parent.certificates.get().producer
    child = ProductFactory(structure=Product.CHILD, parent=parent, product_class=None, title=title)
    StockRecord.objects.create(
        product=child,
        partner=producer,
        partner_sku=f"MO-{child.pk}",
        price=Decimal(price),
        price_currency="VND",
        num_in_stock=9,
    )
    return child


def count_queries(client, url) -> int:
    """Queries of a second view of ``url`` (the first one makes the thumbnails)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def assert_same_queries(client, url, expected, django_assert_num_queries) -> str:
    """A second view of ``url`` costs ``expected`` queries; returns the page's text."""
    client.get(url)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return squeeze(response.content.decode())


# ----------------------------------------------------------------------------- basket page


def test_basket_page_costs_the_same_for_one_or_five_plain_lines(
    client, goods, django_assert_num_queries
):
    client.force_login(UserFactory())
    url = reverse("basket:summary")
    add_to_basket(client, goods[0])
    one = count_queries(client, url)
    for product in goods[1:]:
        add_to_basket(client, product, 2)
    html = assert_same_queries(client, url, one, django_assert_num_queries)
    for title in TITLES:
        assert title in html
    assert "390.000 ₫" in html and "780.000 ₫" in html  # the fifth line, 2 units
    assert "Còn hàng" in html


def test_basket_page_costs_the_same_for_one_variant_or_five_lines_with_variants(
    client, goods, django_assert_num_queries
):
    jar = variant("Mật ong bạc hà hũ 500 g", 250000)
    url = reverse("basket:summary")
    add_to_basket(client, jar)
    one = count_queries(client, url)
    big_jar = variant("Mật ong bạc hà hũ 1 kg", 450000, parent=jar.parent)
    for product in (big_jar, *goods[:3]):
        add_to_basket(client, product)
    html = assert_same_queries(client, url, one, django_assert_num_queries)
    assert "Mật ong bạc hà hũ 1 kg" in html and "450.000 ₫" in html
    assert "không còn bán được" not in html


def test_a_lapsed_line_still_says_why_on_the_basket_page(client, goods):
    """The prefetch reads the certificates the page shows: a revoked one is still seen."""
    for product in goods[:2]:
        add_to_basket(client, product)
    Certificate.objects.filter(product=goods[1]).update(status=CertificateStatus.REVOKED)
    html = squeeze(client.get(reverse("basket:summary")).content.decode())
    assert "“Mật ong rừng Bắc Kạn” không còn bán được" in html
    assert "“Chè búp Tân Cương” không còn bán được" not in html


def test_header_basket_and_adding_to_the_basket_cost_the_same_for_one_or_five_lines(
    client, goods, django_assert_num_queries
):
    """The header's basket (on every shopper page) and the add-to-basket message, which
    prices the whole basket, do not grow with the lines."""
    client.force_login(UserFactory())
    page = goods[0].get_absolute_url() + "?nocache=1"
    add_to_basket(client, goods[0])
    one = count_queries(client, page)
    with CaptureQueriesContext(connection) as captured:
        add_to_basket(client, goods[1])
    second_add = len(captured.captured_queries)
    for product in goods[2:4]:
        add_to_basket(client, product)
    with django_assert_num_queries(second_add):
        add_to_basket(client, goods[4])
    text = assert_same_queries(client, page, one, django_assert_num_queries)
    assert "Giỏ hàng 5 dòng hàng" in text


# ----------------------------------------------------------------------------- checkout


def test_checkout_preview_costs_the_same_for_one_or_five_plain_lines(
    client, checkout, goods, django_assert_num_queries
):
    url = reverse("checkout:preview")
    checkout((goods[0], 1), email="mot.dong@example.vn")
    assert client.post(url, options()).status_code == 302
    one = count_queries(client, url)

    client.cookies.clear()  # another guest, another basket
    checkout(*[(product, 1) for product in goods], email="nam.dong@example.vn")
    assert client.post(url, options()).status_code == 302
    html = assert_same_queries(client, url, one, django_assert_num_queries)
    for title in TITLES:
        assert title in html
    assert "1.850.000 ₫" in html  # 350 + 360 + 370 + 380 + 390 thousand


# ----------------------------------------------------------------------------- placement


def priced_basket(products, box=None):
    """A basket as the checkout holds it when it places the order: its lines loaded and
    priced (so prefetched) before placement locks anything. ``box``: (box product,
    [(product, quantity)]) for a build-your-own box line too."""
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product in products:
        basket.add_product(product, 1)
    if box is not None:
        option = Option.objects.get(code=BOX_CONTENTS_OPTION)
        contents = encode_box_contents(box[1])
        basket.add_product(box[0], 1, options=[{"option": option, "value": contents}])
    basket = Basket.objects.get(pk=basket.pk)
    basket.strategy = Selector().strategy()
    for line in basket.all_lines():
        assert line.purchase_info.availability.is_available_to_buy
    return basket


def place(basket):
    charge = prices.Price(currency="VND", excl_tax=Decimal("0"), incl_tax=Decimal("0"))
    total = OrderTotalCalculator().calculate(basket, charge)
    with transaction.atomic():
        return OrderCreator().place_order(
            basket=basket,
            total=total,
            shipping_method=Free(),
            shipping_charge=charge,
            order_number="BQ-1",
            payment_method="cod",
            payment_state="on_delivery",
        )


def test_placement_checks_the_locked_stock_not_the_priced_snapshot(goods):
    basket = priced_basket(goods[:2])
    # Someone else bought the last units after this basket was priced.
    StockRecord.objects.filter(product=goods[1]).update(num_allocated=20)
    with pytest.raises(LinesCannotBeSold) as raised:
        place(basket)
    assert [p.message for p in raised.value.problems] == ["“Mật ong rừng Bắc Kạn” vừa hết hàng."]
    assert not Order.objects.exists()


def test_placement_reads_certificates_again_under_its_locks(goods):
    basket = priced_basket(goods[:2])
    # The registry revoked a certificate between pricing and placement.
    Certificate.objects.filter(product=goods[0]).update(status=CertificateStatus.REVOKED)
    with pytest.raises(LinesCannotBeSold) as raised:
        place(basket)
    (problem,) = raised.value.problems
    assert problem.remove and "Chè búp Tân Cương" in problem.message
    assert "thu hồi" in problem.message
    assert not Order.objects.exists()


def test_placement_reads_a_box_items_certificates_again_under_its_locks(goods):
    box = box_type(size=3, packaging=60000)
    basket = priced_basket(goods[:1], box=(box.product, [(goods[2], 2), (goods[3], 1)]))
    Certificate.objects.filter(product=goods[3]).update(status=CertificateStatus.REVOKED)
    with pytest.raises(LinesCannotBeSold) as raised:
        place(basket)
    (problem,) = raised.value.problems
    assert problem.remove and "“Nước mắm Phú Quốc” không còn bán được" in problem.message
    assert not Order.objects.exists()


def test_placement_of_a_priced_basket_allocates_each_line(goods):
    basket = priced_basket(goods[:3])
    order = place(basket)
    assert order.lines.count() == 3
    assert order.total_incl_tax == Decimal("1080000")
    allocated = dict(
        StockRecord.objects.filter(product__in=goods[:3]).values_list("product_id", "num_allocated")
    )
    assert allocated == {p.pk: 1 for p in goods[:3]}

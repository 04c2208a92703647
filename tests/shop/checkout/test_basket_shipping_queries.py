"""The basket page's shipping estimate (also the checkout's shipping charge) costs the same
number of queries for one line as for five: weights, producers and gift contents are loaded
for all lines at once."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_class, get_model

from shop.gifts.models import BOX_CONTENTS_OPTION
from shop.gifts.services import encode_box_contents
from shop.shipping.charges import shipments
from tests.factories import (
    CertificateFactory,
    ProducerFactory,
    ProductFactory,
    box_type,
    gift_set,
    sellable_product,
)

from .conftest import set_weight

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Option = get_model("catalogue", "Option")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


def five_kinds():
    """A plain product, a gift set from two producers, a build-your-own box, and two more
    plain products from other provinces."""
    hanoi = ProducerFactory(name="HTX Chè Thái", province_code="19", province_name="Thái Nguyên")
    hue = ProducerFactory(name="Cơ sở Mè xửng", province_code="46", province_name="Huế")
    saigon = ProducerFactory(name="Bánh pía Sóc Trăng", province_code="94", province_name="x")
    tea = sellable_product(title="Chè Tân Cương", price=200000, stock=50, producer=hanoi)
    candy = sellable_product(title="Mè xửng", price=60000, stock=50, producer=hue)
    cake = sellable_product(title="Bánh pía", price=90000, stock=50, producer=saigon)
    sauce = sellable_product(title="Nước mắm", price=150000, stock=50, producer=hue)
    for product, kg in ((tea, 0.5), (candy, 0.3), (cake, 1.6), (sauce, 1.2)):
        set_weight(product, kg)
    gift = gift_set([(tea, 1), (candy, 2)], price=500000)
    box = box_type(size=3)
    return [
        (tea, 1, None),
        (gift, 1, None),
        (box.product, 1, encode_box_contents([(cake, 1), (sauce, 2)])),
        (cake, 2, None),
        (sauce, 1, None),
    ]


def priced_basket(items):
    """A basket as the basket page has it when the estimate runs: its lines fetched and
    priced by the strategy (the estimate itself must not add per-line queries)."""
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    option = Option.objects.get(code=BOX_CONTENTS_OPTION)
    for product, quantity, contents in items:
        options = [{"option": option, "value": contents}] if contents else []
        basket.add_product(product, quantity, options=options)
    basket = Basket.objects.get(pk=basket.pk)
    basket.strategy = Selector().strategy()
    for line in basket.all_lines():
        assert line.line_price_incl_tax_incl_discounts is not None
    return basket


def estimate_queries(basket) -> int:
    with CaptureQueriesContext(connection) as captured:
        shipments(basket=basket, to_province="01")
    return len(captured.captured_queries)


def test_plain_lines_one_or_five_cost_the_same(django_assert_num_queries):
    items = [(p, q, c) for p, q, c in five_kinds() if c is None]
    producer = ProducerFactory(name="HTX Mật ong", province_code="02", province_name="Tuyên Quang")
    parent = ProductFactory(structure=Product.PARENT, title="Mật ong bạc hà")
    CertificateFactory(product=parent, producer=producer)
    set_weight(parent, 0.7)  # the variant weighs what its parent says
    jar = ProductFactory(structure=Product.CHILD, parent=parent, product_class=None)
    StockRecord.objects.create(
        product=jar, partner=producer, partner_sku="MO-1", price=Decimal(250000), num_in_stock=9
    )
    items.insert(0, (jar, 2, None))
    assert len(items) == 5
    expected = estimate_queries(priced_basket(items[:1]))  # the variant alone
    five = priced_basket(items)
    with django_assert_num_queries(expected):
        found = shipments(basket=five, to_province="01")
    by_name = {s.partner_name: s for s in found}
    assert by_name["HTX Mật ong"].weight_kg == Decimal("1.4")
    assert by_name["Bánh pía Sóc Trăng"].weight_kg == Decimal("3.2")


def test_gift_lines_one_of_each_or_five_cost_the_same(django_assert_num_queries):
    items = five_kinds()
    tea, gift, box = items[0][0], items[1][0], items[2][0]
    one_each = [items[1], items[2]]
    expected = estimate_queries(priced_basket(one_each))
    other_gift = gift_set([(tea, 2)], title="Giỏ chè", price=450000)
    five = [
        *items[:3],
        (other_gift, 1, None),
        (box, 1, encode_box_contents([(tea, 3)])),
    ]
    assert gift and len(five) == 5
    basket = priced_basket(five)
    with django_assert_num_queries(expected):
        found = shipments(basket=basket, to_province="01")
    # Tea ships from Thái Nguyên: 0.5 kg plain + the tea-only set 2 × 0.5 + the tea-only box
    # 3 × 0.5. The mixed set (0.5 + 2 × 0.3) and the mixed box (1.6 + 2 × 1.2) go through
    # the packing point: 1.1 + 4.0 kg.
    by_name = {s.partner_name: s for s in found}
    assert by_name["HTX Chè Thái"].weight_kg == Decimal("3.0")
    (packing,) = [s for s in found if s.partner_name not in ("HTX Chè Thái",)]
    assert packing.weight_kg == Decimal("5.1")


def test_variants_holding_separate_copies_of_one_parent_are_both_weighed():
    """Two pack sizes of one listing, each line with its own copy of the parent: both weigh
    what the parent says (once crashed: only one copy got the parent's weights)."""
    from shop.shipping.charges import _prefetch_weights, weigh

    parent = ProductFactory(title="Mật ong bạc hà", structure=Product.PARENT)
    set_weight(parent, 0.8)
    small = ProductFactory(
        title="Mật ong 250 ml", structure=Product.CHILD, parent=parent, product_class=None
    )
    large = ProductFactory(
        title="Mật ong 500 ml", structure=Product.CHILD, parent=parent, product_class=None
    )
    copies = [Product.objects.get(pk=small.pk), Product.objects.get(pk=large.pk)]
    assert copies[0].parent is not copies[1].parent
    _prefetch_weights(copies)
    assert [weigh(p) for p in copies] == [Decimal("0.8"), Decimal("0.8")]

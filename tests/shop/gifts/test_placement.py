"""Placing gift lines: components checked under locks, their stock taken, contents written."""

from decimal import Decimal

import pytest
from oscar.core import prices
from oscar.core.loading import get_class, get_model

from shop.gifts.models import BOX_CONTENTS_OPTION, FulfilmentKind, OrderLineComponent
from shop.gifts.services import encode_box_contents
from shop.order.utils import LinesCannotBeSold, release_stock, reserve_stock
from tests.factories import box_type, gift_set, sellable_product
from tests.shop.checkout.placement import basket_with

Basket = get_model("basket", "Basket")
Option = get_model("catalogue", "Option")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Free = get_class("shipping.methods", "Free")

pytestmark = pytest.mark.django_db


def allocated(product) -> int:
    return StockRecord.objects.get(product=product).num_allocated or 0


def box_basket(box, items, quantity=1):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    option = Option.objects.get(code=BOX_CONTENTS_OPTION)
    basket.add_product(
        box.product, quantity, options=[{"option": option, "value": encode_box_contents(items)}]
    )
    return basket


def placed(basket, number="GIFT-1"):
    """Place the order as the checkout does (see tests/shop/checkout/placement.py), in the
    test's own connection."""
    basket = Basket.objects.get(pk=basket.pk)
    basket.strategy = Selector().strategy()
    charge = prices.Price(currency="VND", excl_tax=Decimal(0), incl_tax=Decimal(0))
    return OrderCreator().place_order(
        basket=basket,
        total=OrderTotalCalculator().calculate(basket, charge),
        shipping_method=Free(),
        shipping_charge=charge,
        order_number=number,
    )


def test_a_gift_set_order_takes_component_stock_and_writes_the_components(tea, sauce):
    gift = gift_set([(tea, 2), (sauce, 1)], price=650000)
    order = placed(basket_with(gift, 2))
    line = order.lines.get()
    assert line.line_price_incl_tax == Decimal(1300000)
    assert allocated(tea) == 4 and allocated(sauce) == 2
    assert allocated(gift) == 0  # the set holds no stock of its own
    rows = {c.title: c for c in OrderLineComponent.objects.filter(line=line)}
    assert set(rows) == {"Chè búp Tân Cương", "Nước mắm Phú Quốc"}
    tea_row = rows["Chè búp Tân Cương"]
    assert (tea_row.quantity, tea_row.total_quantity, tea_row.unit_price) == (2, 4, 200000)
    assert tea_row.partner_id == tea.stockrecords.get().partner_id
    assert tea_row.partner_sku == tea.stockrecords.get().partner_sku
    assert {c.fulfilment for c in rows.values()} == {FulfilmentKind.PACKING_POINT}


def test_a_gift_set_from_one_producer_is_shipped_by_that_producer(producers, tea):
    jam = sellable_product(title="Mứt chè", price=90000, stock=5, producer=producers[0])
    gift = gift_set([(tea, 1), (jam, 1)], curator_partner=producers[0])
    order = placed(basket_with(gift))
    kinds = set(OrderLineComponent.objects.filter(line__order=order).values_list("fulfilment"))
    assert kinds == {(FulfilmentKind.PRODUCER,)}


def test_a_lapsed_component_refuses_the_order_and_removes_the_line(tea, sauce):
    gift = gift_set([(tea, 1), (sauce, 1)])
    basket = basket_with(gift)
    sauce.certificates.update(status="revoked")
    with pytest.raises(LinesCannotBeSold) as refused:
        placed(basket)
    (problem,) = refused.value.problems
    assert problem.remove
    assert "Nước mắm Phú Quốc" in problem.message and "thu hồi" in problem.message
    assert Order.objects.count() == 0 and allocated(tea) == 0


def test_too_few_components_for_the_quantity_asked_keeps_the_line_with_fewer(tea, sauce):
    gift = gift_set([(tea, 3), (sauce, 1)])  # tea 10 → 3 sets
    basket = basket_with(gift, 2)
    StockRecord.objects.filter(product=tea).update(num_allocated=5)  # 5 left → 1 set
    with pytest.raises(LinesCannotBeSold) as refused:
        placed(basket)
    (problem,) = refused.value.problems
    assert not problem.remove
    assert "chỉ còn đủ hàng cho 1 phần" in problem.message
    assert "Chè búp Tân Cương" in problem.message


def test_a_plain_line_and_a_gift_share_the_same_stock(tea, sauce):
    gift = gift_set([(tea, 4), (sauce, 1)])
    basket = basket_with(gift, 1)
    basket.add_product(tea, 7)  # 7 + 4 > 10
    with pytest.raises(LinesCannotBeSold):
        placed(basket)
    assert allocated(tea) == 0


def test_reserving_takes_component_stock_and_releasing_gives_it_back(tea, sauce):
    gift = gift_set([(tea, 2), (sauce, 1)])
    basket = basket_with(gift, 3)
    reserved = reserve_stock(basket)
    assert allocated(tea) == 6 and allocated(sauce) == 3
    release_stock(reserved)
    assert allocated(tea) == 0 and allocated(sauce) == 0


def test_a_box_line_is_priced_with_its_contents_and_placed_with_them(tea, sauce):
    box = box_type(size=5, packaging=50000)
    basket = box_basket(box, [(tea, 3), (sauce, 2)], quantity=2)
    line = basket.all_lines()[0]
    assert line.price_incl_tax == Decimal(50000 + 3 * 200000 + 2 * 150000)
    assert line.line_price_incl_tax == 2 * Decimal(950000)
    assert not line.get_warning()

    StockRecord.objects.filter(product=sauce).update(price=Decimal(160000))  # price moves
    basket = Basket.objects.get(pk=basket.pk)
    basket.strategy = Selector().strategy()
    line = basket.all_lines()[0]
    assert line.unit_price_incl_tax == Decimal(970000)
    assert basket.total_incl_tax == Decimal(1940000)

    order = placed(basket)
    rows = OrderLineComponent.objects.filter(line__order=order)
    assert {(r.title, r.quantity, r.unit_price) for r in rows} == {
        ("Chè búp Tân Cương", 3, 200000),
        ("Nước mắm Phú Quốc", 2, 160000),
    }
    assert allocated(tea) == 6 and allocated(sauce) == 4


def test_a_box_whose_item_lapsed_warns_in_the_basket_and_is_refused(tea, sauce):
    box = box_type(size=2)
    basket = box_basket(box, [(tea, 1), (sauce, 1)])
    tea.certificates.update(status="suspended")
    basket = Basket.objects.get(pk=basket.pk)
    basket.strategy = Selector().strategy()
    warning = basket.all_lines()[0].get_warning()
    assert "Hộp quà tự chọn 2 món" in warning and "Chè búp Tân Cương" in warning
    assert "tạm đình chỉ" in warning
    with pytest.raises(LinesCannotBeSold) as refused:
        placed(basket)
    assert refused.value.problems[0].remove


def test_a_gift_basket_line_warns_when_a_component_runs_short(tea, sauce):
    gift = gift_set([(tea, 2), (sauce, 1)])
    basket = basket_with(gift, 3)
    StockRecord.objects.filter(product=tea).update(num_in_stock=4)
    basket = Basket.objects.get(pk=basket.pk)
    basket.strategy = Selector().strategy()
    assert "chỉ còn đủ hàng cho 2 phần" in basket.all_lines()[0].get_warning()
    StockRecord.objects.filter(product=tea).update(num_in_stock=1)
    basket = Basket.objects.get(pk=basket.pk)
    basket.strategy = Selector().strategy()
    warning = basket.all_lines()[0].get_warning()
    assert "“Chè búp Tân Cương” chỉ còn 1, mỗi giỏ cần 2" in warning


def test_unreadable_box_contents_make_a_line_that_cannot_be_bought(tea):
    box = box_type(size=2)
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    option = Option.objects.get(code=BOX_CONTENTS_OPTION)
    basket.add_product(box.product, 1, options=[{"option": option, "value": "không phải JSON"}])
    line = basket.all_lines()[0]
    assert "Hộp quà này đựng đúng 2 món; bạn đã chọn 0 món." in line.get_warning()
    with pytest.raises(LinesCannotBeSold):
        placed(basket)

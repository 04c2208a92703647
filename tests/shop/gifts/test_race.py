"""Racing checkouts for the last units of a component: real transactions on PostgreSQL."""

import threading

import pytest
from django.db import connection
from oscar.core.loading import get_model

from shop.order.utils import LinesCannotBeSold
from tests.factories import gift_set, sellable_product
from tests.shop.checkout.placement import basket_with, place_basket

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


def race(basket_ids):
    barrier = threading.Barrier(len(basket_ids))
    results = [None] * len(basket_ids)

    def run(i):
        barrier.wait()
        results[i] = place_basket(basket_ids[i], f"GIFT-RACE-{i}")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(basket_ids))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_shoppers_cannot_both_buy_a_set_from_the_last_units_of_a_component():
    tea = sellable_product(title="Chè búp Tân Cương", price=200000, stock=3)
    sauce = sellable_product(title="Nước mắm Phú Quốc", price=150000, stock=20)
    gift = gift_set([(tea, 2), (sauce, 1)])  # tea: 3 in stock, 2 per set → one set only
    results = race([basket_with(gift).pk, basket_with(gift).pk])

    placed = [r for r in results if isinstance(r, Order)]
    refused = [r for r in results if isinstance(r, LinesCannotBeSold)]
    assert len(placed) == 1 and len(refused) == 1, results
    assert "Chè búp Tân Cương" in refused[0].problems[0].message
    assert StockRecord.objects.get(product=tea).num_allocated == 2
    assert StockRecord.objects.get(product=sauce).num_allocated == 1
    assert Order.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_gift_and_plain_lines_of_its_components_in_another_order_do_not_deadlock():
    tea = sellable_product(title="Chè búp Tân Cương", price=200000, stock=10)
    sauce = sellable_product(title="Nước mắm Phú Quốc", price=150000, stock=10)
    gift = gift_set([(sauce, 1), (tea, 1)])
    plain = basket_with(sauce)
    plain.add_product(tea, 1)
    results = race([basket_with(gift).pk, plain.pk, basket_with(tea).pk])
    assert all(isinstance(r, Order) for r in results), results
    assert StockRecord.objects.get(product=tea).num_allocated == 3
    assert StockRecord.objects.get(product=sauce).num_allocated == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_boxes_racing_for_the_last_units_of_an_item_make_one_order():
    from tests.factories import box_type

    from .test_placement import box_basket

    tea = sellable_product(title="Chè búp Tân Cương", price=200000, stock=4)
    sauce = sellable_product(title="Nước mắm Phú Quốc", price=150000, stock=20)
    box = box_type(size=5)
    baskets = [box_basket(box, [(tea, 3), (sauce, 2)]).pk for _ in range(2)]
    results = race(baskets)
    placed = [r for r in results if isinstance(r, Order)]
    assert len(placed) == 1, results
    assert StockRecord.objects.get(product=tea).num_allocated == 3
    assert StockRecord.objects.get(product=sauce).num_allocated == 2

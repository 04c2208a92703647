"""THE rule's best-before branch: a product past its best-before date on every batch is not
sellable, by the function and by the queryset alike."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oscar.core.loading import get_model

from shop.ocop.rules import check_product, sellable_products, today
from tests.factories import (
    CertificateFactory,
    ProducerFactory,
    ProductFactory,
    batch,
    gift_set,
    sellable_product,
)

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def both(product, on):
    by_function = check_product(product=Product.objects.get(pk=product.pk), on=on).sellable
    by_queryset = sellable_products(on=on).filter(pk=product.pk).exists()
    assert by_function == by_queryset, (by_function, by_queryset)
    return by_function


def test_a_product_without_batches_is_unaffected():
    assert both(sellable_product(), today())


def test_sellable_through_the_last_day_of_its_best_before_and_not_the_day_after():
    product = sellable_product(title="Mật ong hoa nhãn")
    last = today() + timedelta(days=3)
    batch(product, best_before=last)
    assert both(product, last)
    assert not both(product, last + timedelta(days=1))
    verdict = check_product(product=product, on=last + timedelta(days=1))
    assert verdict.code == "past_best_before"
    assert last.strftime("%d/%m/%Y") in verdict.reason
    assert "quá hạn sử dụng" in verdict.reason


def test_one_fresh_batch_is_enough_and_a_batch_without_best_before_never_runs_out():
    product = sellable_product()
    batch(product, lot="CU", best_before=today() - timedelta(days=1))
    assert not both(product, today())
    batch(product, lot="MOI", best_before=today() + timedelta(days=90))
    assert both(product, today())

    craft = sellable_product(title="Nón lá Huế")
    batch(craft, lot="N1", produced_on=today() - timedelta(days=3000), best_before=None)
    assert both(craft, today())


def test_a_variant_follows_its_parents_batches():
    producer = ProducerFactory()
    parent = ProductFactory(structure=Product.PARENT, title="Mật ong bạc hà")
    child = ProductFactory(structure=Product.CHILD, parent=parent, product_class=None)
    CertificateFactory(product=parent, producer=producer)
    StockRecord.objects.create(product=child, partner=producer, partner_sku="V", price=250000)
    batch(parent, best_before=today() - timedelta(days=2))
    assert not both(child, today())
    assert not both(parent, today())
    assert check_product(product=Product.objects.get(pk=child.pk)).code == "past_best_before"


def test_a_gift_set_with_a_component_past_best_before_is_off_sale():
    item = sellable_product(title="Trà shan tuyết", stock=20)
    gift = gift_set([(item, 1)])
    assert both(gift, today())
    batch(item, best_before=today() - timedelta(days=1))
    assert not both(gift, today())
    assert "quá hạn sử dụng" in check_product(product=Product.objects.get(pk=gift.pk)).reason


DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    batches=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=400),  # produced this many days before 2026-01-01
            st.one_of(st.none(), st.integers(min_value=0, max_value=900)),  # shelf life, days
        ),
        max_size=4,
    ),
    on=DAYS,
    variant=st.booleans(),
)
def test_function_and_queryset_agree_on_best_before(batches, on, variant):
    producer = ProducerFactory()
    owner = ProductFactory(structure=Product.PARENT if variant else Product.STANDALONE)
    CertificateFactory(
        product=owner,
        producer=producer,
        valid_from=date(2023, 1, 1),
        valid_until=date(2029, 12, 31),
    )
    sold = owner
    if variant:
        sold = ProductFactory(structure=Product.CHILD, parent=owner, product_class=None)
    StockRecord.objects.create(
        product=sold, partner=producer, partner_sku=f"B{sold.pk}", price=Decimal(90000)
    )
    dates = []
    for i, (before, life) in enumerate(batches):
        made = date(2026, 1, 1) - timedelta(days=before)
        best = None if life is None else made + timedelta(days=life)
        dates.append(best)
        batch(owner, lot=f"L{i}", produced_on=made, best_before=best, partner=producer)
    expected = not dates or any(d is None or d >= on for d in dates)
    assert both(sold, on) == expected
    if variant:
        assert both(owner, on) == expected

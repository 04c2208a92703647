"""THE sellability rule: the function and the queryset agree, day by day."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oscar.core.loading import get_class, get_model

from shop.ocop.rules import check_product, sellable_products, today
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory, sellable_product

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")
VN = ZoneInfo("Asia/Ho_Chi_Minh")

pytestmark = pytest.mark.django_db


def both(product, on):
    by_function = check_product(product=Product.objects.get(pk=product.pk), on=on).sellable
    by_queryset = sellable_products(on=on).filter(pk=product.pk).exists()
    assert by_function == by_queryset, (by_function, by_queryset)
    return by_function


def test_valid_certificate_published_and_priced_is_sellable():
    product = sellable_product()
    assert both(product, today())


def test_certificate_last_day_is_sellable_and_next_day_is_not():
    product = sellable_product()
    last_day = product.certificates.get().valid_until
    assert both(product, last_day)
    assert not both(product, last_day + timedelta(days=1))
    reason = check_product(product=product, on=last_day + timedelta(days=1))
    assert reason.code == "certificate_expired"
    assert last_day.strftime("%d/%m/%Y") in reason.reason


def test_not_yet_valid_certificate():
    product = sellable_product()
    first = product.certificates.get().valid_from
    assert not both(product, first - timedelta(days=1))
    assert both(product, first)


@pytest.mark.parametrize(
    ("status", "code", "words"),
    [
        ("suspended", "certificate_suspended", "tạm đình chỉ"),
        ("revoked", "certificate_revoked", "thu hồi"),
    ],
)
def test_suspended_or_revoked_is_not_sellable_and_says_why(status, code, words):
    product = sellable_product()
    product.certificates.update(status=status, status_reason="Vi phạm an toàn thực phẩm")
    result = check_product(product=product, on=today())
    assert not both(product, today())
    assert result.code == code
    assert words in result.reason
    assert "Vi phạm an toàn thực phẩm" in result.reason


def test_unpublished_or_unpriced_is_not_sellable():
    product = sellable_product()
    Product.objects.filter(pk=product.pk).update(is_public=False)
    assert not both(product, today())
    assert check_product(product=Product.objects.get(pk=product.pk)).code == "unpublished"

    other = sellable_product()
    StockRecord.objects.filter(product=other).update(price=None)
    assert not both(other, today())
    assert check_product(product=other).code == "no_price"


def test_no_certificate_is_not_sellable():
    product = ProductFactory()
    StockRecord.objects.create(
        product=product, partner=ProducerFactory(), partner_sku="X", price=Decimal(1000)
    )
    assert not both(product, today())
    assert check_product(product=product).code == "no_certificate"


def test_a_renewal_keeps_the_product_sellable_after_the_old_certificate_ends():
    product = sellable_product()
    old = product.certificates.get()
    CertificateFactory(
        product=product,
        producer=old.producer,
        valid_from=old.valid_until + timedelta(days=1),
        valid_until=old.valid_until + timedelta(days=3 * 365),
    )
    assert both(product, old.valid_until + timedelta(days=1))


def test_variant_inherits_its_parents_certificate():
    producer = ProducerFactory()
    parent = ProductFactory(structure=Product.PARENT, title="Mật ong bạc hà")
    child = ProductFactory(
        structure=Product.CHILD, parent=parent, product_class=None, title="Hũ 500 g"
    )
    CertificateFactory(product=parent, producer=producer)
    StockRecord.objects.create(
        product=child, partner=producer, partner_sku="C1", price=Decimal(250000)
    )
    assert both(child, today())
    assert both(parent, today())
    Product.objects.filter(pk=parent.pk).update(is_public=False)
    assert not both(child, today())


def test_midnight_in_vietnam_ends_a_certificate_without_any_sync():
    product = sellable_product()
    last_day = product.certificates.get().valid_until
    before = datetime.combine(last_day, datetime.max.time(), tzinfo=VN) - timedelta(seconds=1)
    with time_machine.travel(before, tick=False):
        info = Selector().strategy().fetch_for_product(Product.objects.get(pk=product.pk))
        assert info.availability.is_available_to_buy
    # 00:00:00 the next day in Hanoi is 17:00 UTC the same day.
    midnight = datetime.combine(last_day + timedelta(days=1), datetime.min.time(), tzinfo=VN)
    with time_machine.travel(midnight, tick=False):
        assert today() == last_day + timedelta(days=1)
        info = Selector().strategy().fetch_for_product(Product.objects.get(pk=product.pk))
        assert not info.availability.is_available_to_buy
        assert "hết hiệu lực" in info.availability.message


def test_the_listings_rule_built_once_a_day_takes_the_new_day_at_midnight():
    """``browsable_sellable`` keeps the rule's query built for the day: at midnight in
    Vietnam it is built for the new day, and the certificate that ended is out."""
    from shop.ocop.rules import browsable_sellable

    product = sellable_product()
    other = sellable_product(title="Chè Shan tuyết")
    last_day = product.certificates.get().valid_until
    before = datetime.combine(last_day, datetime.max.time(), tzinfo=VN) - timedelta(seconds=1)
    midnight = datetime.combine(last_day + timedelta(days=1), datetime.min.time(), tzinfo=VN)
    other.certificates.update(valid_until=last_day + timedelta(days=30))
    with time_machine.travel(before, tick=False):
        assert set(browsable_sellable().values_list("pk", flat=True)) == {product.pk, other.pk}
        narrowed = browsable_sellable().filter(pk=product.pk)
        assert list(narrowed.values_list("pk", flat=True)) == [product.pk]
        assert browsable_sellable().count() == 2  # a narrowed copy leaves the next one whole
    with time_machine.travel(midnight, tick=False):
        assert list(browsable_sellable().values_list("pk", flat=True)) == [other.pk]


def test_strategy_prices_are_vnd_including_tax_and_stock_still_counts():
    product = sellable_product(price=350000, stock=0)
    info = Selector().strategy().fetch_for_product(product)
    assert info.price.incl_tax == Decimal(350000)
    assert info.price.currency == "VND"
    assert not info.availability.is_available_to_buy  # sellable, but out of stock


DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    valid_from=DAYS,
    length=st.integers(min_value=-10, max_value=1200),
    status=st.sampled_from(["active", "suspended", "revoked"]),
    public=st.booleans(),
    price=st.one_of(st.none(), st.integers(min_value=0, max_value=5_000_000)),
    on=DAYS,
)
def test_function_and_queryset_agree(valid_from, length, status, public, price, on):
    producer = ProducerFactory()
    product = ProductFactory(is_public=public)
    CertificateFactory(
        product=product,
        producer=producer,
        valid_from=valid_from,
        valid_until=valid_from + timedelta(days=length),
        status=status,
    )
    StockRecord.objects.create(
        product=product,
        partner=producer,
        partner_sku=f"H{product.pk}",
        price=None if price is None else Decimal(price),
    )
    expected = status == "active" and valid_from <= on <= valid_from + timedelta(days=length)
    expected = expected and public and price is not None
    assert both(product, on) == expected


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    components=st.lists(
        st.tuples(
            st.sampled_from(["active", "active", "active", "suspended", "expired"]),
            st.booleans(),  # published
            st.one_of(st.none(), st.integers(min_value=0, max_value=9)),  # num_in_stock
            st.integers(min_value=0, max_value=4),  # allocated
            st.integers(min_value=1, max_value=4),  # quantity per set
        ),
        max_size=3,
    ),
    set_public=st.booleans(),
    set_priced=st.booleans(),
)
def test_function_and_queryset_agree_on_gift_sets(components, set_public, set_priced):
    from tests.factories import gift_set

    on = today()
    parts = []
    for status, public, in_stock, allocated, quantity in components:
        producer = ProducerFactory()
        product = ProductFactory(is_public=public)
        valid_until = on - timedelta(days=1) if status == "expired" else on + timedelta(days=30)
        CertificateFactory(
            product=product,
            producer=producer,
            valid_from=on - timedelta(days=100),
            valid_until=valid_until,
            status="suspended" if status == "suspended" else "active",
        )
        StockRecord.objects.create(
            product=product,
            partner=producer,
            partner_sku=f"G{product.pk}",
            price=Decimal(100000),
            num_in_stock=in_stock,
            num_allocated=allocated,
        )
        parts.append((product, quantity))
    gift = gift_set(parts, is_public=set_public)
    if not set_priced:
        StockRecord.objects.filter(product=gift).update(price=None)
    expected = set_public and set_priced and bool(parts)
    for (status, public, in_stock, allocated, quantity), _part in zip(
        components, parts, strict=True
    ):
        expected = expected and status == "active" and public
        expected = expected and (in_stock or 0) - allocated >= quantity
    assert both(gift, on) == expected


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parent_public=st.booleans(),
    variants=st.lists(
        st.tuples(
            st.booleans(),  # the variant is published
            st.one_of(st.none(), st.integers(min_value=0, max_value=5_000_000)),  # its price
        ),
        max_size=3,
    ),
)
def test_function_and_queryset_agree_on_parents_with_unpublished_variants(parent_public, variants):
    """A parent is priced only through a published variant with a priced stock record; an
    unpublished variant's price leaves the parent with nothing to buy."""
    on = today()
    producer = ProducerFactory()
    parent = ProductFactory(structure=Product.PARENT, is_public=parent_public)
    CertificateFactory(product=parent, producer=producer)
    children = []
    for public, price in variants:
        child = ProductFactory(
            structure=Product.CHILD, parent=parent, product_class=None, is_public=public
        )
        StockRecord.objects.create(
            product=child,
            partner=producer,
            partner_sku=f"V{child.pk}",
            price=None if price is None else Decimal(price),
        )
        children.append(child)
    buyable = [public and price is not None for public, price in variants]
    assert both(parent, on) == (parent_public and any(buyable))
    for child, ok in zip(children, buyable, strict=True):
        assert both(child, on) == (parent_public and ok)
    if parent_public and variants and not any(buyable):
        assert check_product(product=Product.objects.get(pk=parent.pk), on=on).code == "no_price"


def test_a_parent_whose_only_priced_variant_is_unpublished_is_not_listed():
    producer = ProducerFactory()
    parent = ProductFactory(structure=Product.PARENT, title="Trà shan tuyết")
    CertificateFactory(product=parent, producer=producer)
    hidden = ProductFactory(
        structure=Product.CHILD, parent=parent, product_class=None, is_public=False
    )
    StockRecord.objects.create(
        product=hidden, partner=producer, partner_sku="T1", price=Decimal(180000)
    )
    assert not both(parent, today())
    Product.objects.filter(pk=hidden.pk).update(is_public=True)
    assert both(parent, today())

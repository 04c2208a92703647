"""A curated gift set follows THE sellability rule through its components."""

import pytest
from oscar.core.loading import get_class, get_model

from shop.gifts.services import free_units
from shop.ocop.rules import check_product, sellable_products, today
from tests.factories import box_type, gift_set

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


def verdict(product):
    product = Product.objects.get(pk=product.pk)
    by_function = check_product(product=product)
    by_queryset = sellable_products(on=today()).filter(pk=product.pk).exists()
    assert by_function.sellable == by_queryset, (by_function, by_queryset)
    return by_function


def test_a_gift_set_of_sellable_components_in_stock_is_sellable(tea, sauce):
    gift = gift_set([(tea, 2), (sauce, 1)])
    assert verdict(gift).sellable


def test_a_component_losing_its_certificate_takes_the_set_off_sale_and_says_which(tea, sauce):
    gift = gift_set([(tea, 2), (sauce, 1)])
    tea.certificates.update(status="suspended", status_reason="Vi phạm nhãn mác")
    result = verdict(gift)
    assert not result.sellable
    assert result.code == "gift_component_unsellable"
    assert result.reason.startswith("Giỏ quà tạm ngừng bán: “Chè búp Tân Cương” không còn bán")
    assert "tạm đình chỉ" in result.reason and "Vi phạm nhãn mác" in result.reason
    assert result.component.pk == tea.pk


def test_a_component_short_of_stock_for_one_set_takes_it_off_sale(tea, sauce):
    gift = gift_set([(tea, 3), (sauce, 1)])
    StockRecord.objects.filter(product=tea).update(num_in_stock=5, num_allocated=3)
    result = verdict(gift)
    assert not result.sellable
    assert result.code == "gift_component_out_of_stock"
    assert "“Chè búp Tân Cương” chỉ còn 2, mỗi giỏ cần 3" in result.reason
    StockRecord.objects.filter(product=tea).update(num_allocated=2)
    assert verdict(gift).sellable


@pytest.mark.parametrize("change", ["unpublish", "no_price", "empty", "unpublish_component"])
def test_a_set_needs_publishing_a_price_and_components(tea, sauce, change):
    gift = gift_set([(tea, 1), (sauce, 1)])
    if change == "unpublish":
        Product.objects.filter(pk=gift.pk).update(is_public=False)
    elif change == "no_price":
        StockRecord.objects.filter(product=gift).update(price=None)
    elif change == "empty":
        gift.gift_set.components.all().delete()
    else:
        Product.objects.filter(pk=sauce.pk).update(is_public=False)
    assert not verdict(gift).sellable


def test_a_gift_set_needs_no_certificate_of_its_own(tea):
    gift = gift_set([(tea, 1)])
    assert not gift.certificates.exists()
    assert verdict(gift).sellable


def test_free_units_is_the_scarcest_component(tea, sauce):
    gift = gift_set([(tea, 3), (sauce, 2)])  # tea 10 → 3 sets, sauce 6 → 3 sets
    assert free_units(gift) == 3
    StockRecord.objects.filter(product=sauce).update(num_allocated=2)  # 4 free → 2 sets
    assert free_units(Product.objects.get(pk=gift.pk)) == 2


def test_strategy_derives_the_sets_stock_from_its_components(tea, sauce):
    gift = gift_set([(tea, 3), (sauce, 2)], price=800000)
    info = Selector().strategy().fetch_for_product(Product.objects.get(pk=gift.pk))
    assert info.price.incl_tax == 800000
    assert info.availability.is_available_to_buy
    assert info.availability.num_available == 3
    assert info.availability.is_purchase_permitted(3) == (True, "")
    permitted, _reason = info.availability.is_purchase_permitted(4)
    assert not permitted

    StockRecord.objects.filter(product=sauce).update(num_in_stock=1)
    info = Selector().strategy().fetch_for_product(Product.objects.get(pk=gift.pk))
    assert not info.availability.is_available_to_buy
    assert "Nước mắm Phú Quốc" in info.availability.message


def test_a_box_is_sellable_while_its_type_is_active():
    box = box_type(size=3)
    assert verdict(box.product).sellable
    box.is_active = False
    box.save()
    assert verdict(box.product).code == "box_inactive"


def test_the_rule_in_sql_agrees_across_many_gift_sets(tea, sauce):
    sets = [gift_set([(tea, n), (sauce, 1)], title=f"Giỏ {n}") for n in (1, 5, 10, 11)]
    ids = set(
        sellable_products(on=today())
        .filter(pk__in=[g.pk for g in sets])
        .values_list("pk", flat=True)
    )
    assert ids == {sets[0].pk, sets[1].pk, sets[2].pk}


def test_with_the_gift_prefetch_checking_many_sets_costs_no_query_per_set(
    tea, sauce, django_assert_num_queries
):
    from shop.gifts.services import GIFT_SET_PREFETCH

    for n in range(4):
        gift_set([(tea, 1), (sauce, 1)], title=f"Giỏ {n}")
    products = list(
        Product.objects.filter(product_class__slug="gio-qua")
        .select_related("product_class")
        .prefetch_related("stockrecords", *GIFT_SET_PREFETCH)
    )
    strategy = Selector().strategy()
    with django_assert_num_queries(0):
        infos = [strategy.fetch_for_product(p) for p in products]
    assert [info.availability.num_available for info in infos] == [6, 6, 6, 6]


def test_the_gift_set_product_page_is_bounded_in_queries(
    client, tea, sauce, django_assert_max_num_queries
):
    gift = gift_set([(tea, 1), (sauce, 1)])
    with django_assert_max_num_queries(30):
        response = client.get(gift.get_absolute_url(), {"nocache": 1})
    assert response.status_code == 200

"""Build-your-own boxes: exactly ``size`` items, each a sellable plain product in stock."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from shop.gifts.services import (
    BoxContentsError,
    box_price,
    encode_box_contents,
    parse_box_contents,
    validate_box,
)
from tests.factories import box_type, gift_set

StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def test_a_full_box_of_sellable_products_in_stock_is_valid(tea, sauce):
    box = box_type(size=5)
    assert validate_box(box, [(tea, 3), (sauce, 2)]) == []


@pytest.mark.parametrize(("tea_qty", "sauce_qty"), [(2, 2), (4, 2), (1, 0)])
def test_the_box_must_hold_exactly_its_size(tea, sauce, tea_qty, sauce_qty):
    box = box_type(size=5)
    items = [(tea, tea_qty)] + ([(sauce, sauce_qty)] if sauce_qty else [])
    errors = validate_box(box, items)
    total = tea_qty + sauce_qty
    assert f"Hộp quà này đựng đúng 5 món; bạn đã chọn {total} món." in errors


def test_an_unsellable_product_is_refused_with_its_reason(tea, sauce):
    box = box_type(size=2)
    tea.certificates.update(status="revoked")
    (error,) = validate_box(box, [(tea, 1), (sauce, 1)])
    assert error.startswith("“Chè búp Tân Cương” không còn bán được:")
    assert "thu hồi" in error


def test_a_product_short_of_stock_is_refused(tea, sauce):
    box = box_type(size=8)
    StockRecord.objects.filter(product=sauce).update(num_in_stock=6, num_allocated=4)
    (error,) = validate_box(box, [(tea, 5), (sauce, 3)])
    assert error == "“Nước mắm Phú Quốc” chỉ còn 2 sản phẩm."
    StockRecord.objects.filter(product=sauce).update(num_allocated=6)
    assert validate_box(box, [(tea, 5), (sauce, 3)]) == ["“Nước mắm Phú Quốc” đã hết hàng."]


def test_no_gift_set_or_box_inside_a_box(tea):
    box = box_type(size=2)
    other_box = box_type(size=3)
    gift = gift_set([(tea, 1)], title="Giỏ nhỏ")
    errors = validate_box(box, [(gift, 1), (other_box.product, 1)])
    assert "“Giỏ nhỏ” là giỏ/hộp quà, không thể đặt vào hộp quà." in errors
    assert "“Hộp quà tự chọn 3 món” là giỏ/hộp quà, không thể đặt vào hộp quà." in errors


def test_an_inactive_box_type_is_refused(tea, sauce):
    box = box_type(size=2)
    box.is_active = False
    assert "Loại hộp quà này đang tạm ngừng bán." in validate_box(box, [(tea, 1), (sauce, 1)])


def test_zero_or_negative_quantities_are_refused(tea, sauce):
    box = box_type(size=2)
    errors = validate_box(box, [(tea, 2), (sauce, 0)])
    assert "Số lượng của “Nước mắm Phú Quốc” phải từ 1 trở lên." in errors


def test_box_price_is_packaging_plus_items(tea, sauce):
    box = box_type(size=5, packaging=45000)
    assert box_price(box, [(tea, 3), (sauce, 2)]) == Decimal(45000 + 600000 + 300000)


def test_box_contents_round_trip_and_bad_values(tea, sauce):
    value = encode_box_contents([(sauce, 2), (tea, 1), (sauce, 1)])
    assert parse_box_contents(value) == sorted([(tea.pk, 1), (sauce.pk, 3)])
    for bad in ["không phải JSON", '{"product": 1}', '[{"product": "x", "quantity": 1}]']:
        with pytest.raises(BoxContentsError):
            parse_box_contents(bad)


def test_the_same_contents_in_another_order_make_the_same_basket_line(tea, sauce):
    assert encode_box_contents([(tea, 2), (sauce, 3)]) == encode_box_contents(
        [(sauce, 3), (tea, 2)]
    )


def test_a_box_type_taken_off_sale_leaves_its_stored_page_at_once(
    tea, sauce, django_capture_on_commit_callbacks
):
    from django.test import Client

    box = box_type(size=2)
    url = box.product.get_absolute_url()
    assert Client().get(url).status_code == 200
    assert Client().get(url)["X-Page-Cache"] == "hit"  # stored for every visitor
    with django_capture_on_commit_callbacks(execute=True):
        box.is_active = False
        box.save()
    response = Client().get(url)
    assert "X-Page-Cache" not in response  # rendered afresh, with THE rule asked again
    assert 'name="quantity"' not in response.content.decode()  # nothing to put in a basket

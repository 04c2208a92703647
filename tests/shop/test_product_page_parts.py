"""The parts of a product page that show neither price nor stock (breadcrumbs, gallery,
description, facts, origin, reviews) are stored for anonymous visitors under the product's
content version: a price or stock change renders only the buy box and the head afresh, and
every change of what those parts show is on the next request."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from oscar.core.loading import get_model

from shop.ocop.rules import today
from tests.factories import batch, sellable_product

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductReview = get_model("reviews", "ProductReview")
StockRecord = get_model("partner", "StockRecord")
VN = ZoneInfo("Asia/Ho_Chi_Minh")

pytestmark = pytest.mark.django_db


@pytest.fixture
def honey(django_capture_on_commit_callbacks):
    product = sellable_product(title="Mật ong rừng U Minh", price=250000)
    product.description = "<p>Mật ong hoa tràm, khai thác thủ công.</p>"
    product.save()
    food = Category.add_root(name="Thực phẩm", slug="thuc-pham", is_public=True)
    ProductCategory.objects.create(product=product, category=food)
    batch(product, lot="UM-01")
    return product


def page(product) -> str:
    response = Client().get(product.get_absolute_url())
    assert response.status_code == 200
    assert "X-Page-Cache" not in response, "the page itself must be rendered afresh"
    return response.content.decode()


def change_price(product, captured, *, price=None, stock=None):
    record = StockRecord.objects.get(product=product)
    with captured(execute=True):
        if price is not None:
            record.price = Decimal(price)
        if stock is not None:
            record.num_in_stock = stock
        record.save()


def test_a_price_change_renders_the_buy_box_afresh_and_reuses_the_rest(
    honey, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    html = page(honey)
    assert "Mật ong hoa tràm" in html and "UM-01" in html and "Thực phẩm" in html
    change_price(honey, django_capture_on_commit_callbacks, price=265000)
    # The product, its stock records, photos (the head), certificates and batches (THE
    # rule), the view counter and the recommendations; none of the facts, reviews,
    # origin areas or category.
    with django_assert_max_num_queries(7):
        html = page(honey)
    assert "265.000" in html and "250.000" not in html
    assert "Mật ong hoa tràm" in html and "UM-01" in html and "Thực phẩm" in html
    change_price(honey, django_capture_on_commit_callbacks, stock=0)
    html = page(honey)
    assert 'data-availability="' in html and "Thêm vào giỏ hàng" not in html  # sold out
    assert "Mật ong hoa tràm" in html


def test_what_the_stored_parts_show_follows_every_change(
    honey, django_capture_on_commit_callbacks, django_user_model
):
    page(honey)
    with django_capture_on_commit_callbacks(execute=True):
        honey.description = "<p>Mật ong tràm mùa khô.</p>"
        honey.save()
    assert "Mật ong tràm mùa khô" in page(honey)

    buyer = django_user_model.objects.create_user("an@example.vn", "an@example.vn", "x")
    with django_capture_on_commit_callbacks(execute=True):
        ProductReview.objects.create(
            product=honey,
            user=buyer,
            score=5,
            title="Thơm, sánh",
            body="Mua lần hai.",
            status=ProductReview.APPROVED,
        )
    assert "Thơm, sánh" in page(honey)

    with django_capture_on_commit_callbacks(execute=True):
        Category.objects.filter(slug="thuc-pham").update(name="Thực phẩm khô")
        Category.objects.get(slug="thuc-pham").save()
    assert "Thực phẩm khô" in page(honey)

    producer = honey.certificates.get().producer
    with django_capture_on_commit_callbacks(execute=True):
        producer.name = "Hợp tác xã Ong Mật Cà Mau"
        producer.save()
    assert "Hợp tác xã Ong Mật Cà Mau" in page(honey)


def test_a_batch_past_its_date_leaves_the_origin_at_midnight(honey):
    later = batch(honey, lot="UM-02", best_before=today() + timedelta(days=400))
    honey.batches.filter(lot_number="UM-01").update(best_before=today())
    midnight = datetime.combine(today() + timedelta(days=1), datetime.min.time(), VN)
    with time_machine.travel(midnight - timedelta(minutes=10), tick=False):
        assert "UM-01" in page(honey)  # its last day: the first to run out is sold first
    with time_machine.travel(midnight + timedelta(minutes=10), tick=False):
        html = page(honey)  # (twenty minutes on: nothing stored has timed out)
    assert later.lot_number in html and "UM-01" not in html


def test_a_signed_in_shopper_gets_the_parts_rendered_for_them(honey, django_user_model):
    anonymous = page(honey)
    assert "Chỉ người mua đã nhận hàng mới viết được đánh giá." in anonymous
    user = django_user_model.objects.create_user("binh@example.vn", "binh@example.vn", "x")
    client = Client()
    client.force_login(user)
    html = client.get(honey.get_absolute_url()).content.decode()
    assert "Chỉ người mua đã nhận hàng mới viết được đánh giá." not in html


def test_a_variant_follows_its_parent(django_capture_on_commit_callbacks):
    """A variant without a title of its own shows its parent's, in its stored parts too."""
    from oscar.test.factories import ProductClassFactory, ProductFactory

    parent = ProductFactory(
        title="Trà sen Tây Hồ", structure="parent", product_class=ProductClassFactory()
    )
    child = sellable_product(title="")
    child.parent, child.structure, child.product_class = parent, "child", None
    child.save()
    first = Client().get(child.get_absolute_url())
    assert first.status_code == 200
    assert 'aria-current="page">Trà sen Tây Hồ<' in first.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        parent.title = "Trà sen Quảng An"
        parent.save()
    html = Client().get(child.get_absolute_url()).content.decode()
    assert 'aria-current="page">Trà sen Quảng An<' in html

"""A placed gift (a build-your-own box, a curated set) reads as what it holds on every page
and e-mail that shows the order: never the box contents option's raw JSON."""

import pytest
from django.core import mail
from django.urls import reverse
from oscar.test.factories import UserFactory

from shop.checkout.notifications import send_order_emails
from tests.factories import ProducerFactory, sellable_product

from .helpers import box_type, place_basket, simple_set, squeeze

pytestmark = pytest.mark.django_db

BOX_TEXT = "Hộp quà 5 món: 2 × Chè búp Tân Cương, 3 × Mật ong rừng Bắc Kạn"


@pytest.fixture
def shopper():
    return UserFactory(email="hoa@example.vn")


@pytest.fixture
def goods():
    tea_farm, bee_farm = (
        ProducerFactory(name="HTX Chè Tân Cương"),
        ProducerFactory(name="HTX Mật ong Bắc Kạn"),
    )
    return {
        "tea": sellable_product(title="Chè búp Tân Cương", price=250000, producer=tea_farm),
        "honey": sellable_product(title="Mật ong rừng Bắc Kạn", price=200000, producer=bee_farm),
        "rice": sellable_product(title="Gạo ST25 Sóc Trăng", price=180000, producer=tea_farm),
    }


@pytest.fixture
def box_order(client, shopper, goods):
    """An order of one 5-item box (2 tea, 3 honey) and one curated gift set."""
    box = box_type(size=5, price=90000)
    client.force_login(shopper)
    response = client.post(
        reverse("gifts:box", kwargs={"pk": box.pk}),
        {f"qty-{goods['tea'].pk}": "2", f"qty-{goods['honey'].pk}": "3", "action": "add"},
    )
    assert response.status_code == 302
    gift = simple_set("Giỏ quà Tết Sum vầy")
    return place_basket(shopper, number="900101", adds=[(gift, 1)])


@pytest.fixture
def plain_order(shopper, goods):
    return place_basket(shopper, number="900102", adds=[(goods["rice"], 2)])


def no_json(text: str) -> None:
    assert '"product"' not in text and "&quot;product&quot;" not in text
    assert "Nội dung hộp quà" not in text  # the option's name, printed with its value


def test_shoppers_order_page_names_gift_contents_with_payment_and_shipments(client, box_order):
    type(box_order).objects.filter(pk=box_order.pk).update(payment_method="cod")
    response = client.get(reverse("customer:order", kwargs={"order_number": "900101"}))
    text = squeeze(response.content.decode())
    assert BOX_TEXT in text
    assert "Trong giỏ quà có: 1 × Chè Giỏ quà Tết Sum vầy, 2 × Mật ong Giỏ quà Tết Sum vầy" in text
    assert 'class="order-payment"' in response.content.decode() and "Thanh toán" in text
    html = response.content.decode()
    shipments = squeeze(html.split('class="order-shipments"')[1].split("</section>")[0])
    # Both gifts are mixed: they leave the packing point; their producers send it the
    # components, which is not the shopper's business.
    assert "Điểm tập kết quà tặng" in shipments
    assert "HTX Chè Tân Cương" not in shipments and "HTX Mật ong" not in shipments
    assert "reviews/add" not in html
    no_json(html)


def test_shoppers_order_page_for_a_plain_order(client, shopper, plain_order):
    client.force_login(shopper)
    response = client.get(reverse("customer:order", kwargs={"order_number": "900102"}))
    html = response.content.decode()
    assert "Gạo ST25 Sóc Trăng" in squeeze(html)
    assert "reviews/add" not in html  # reviewed once delivered (shop.catalogue.reviews.rules)
    assert "data-gift-contents" not in html
    assert 'class="order-shipments' in html
    assert "Order history" in html or "Lịch sử đơn hàng" in html
    plain_order.lines.update(status="Đã giao hàng")
    html = client.get(reverse("customer:order", kwargs={"order_number": "900102"})).content
    assert b"reviews/add" in html  # a plain product can be reviewed (not a gift: its items can)


def test_guest_order_status_page_shows_contents_by_title(client, box_order):
    client.logout()
    type(box_order).objects.filter(pk=box_order.pk).update(user=None, guest_email="an@example.vn")
    session = client.session
    session["anon_order_email"] = "an@example.vn"  # what the order status form stores
    session.save()
    url = reverse(
        "customer:anon-order",
        kwargs={"order_number": "900101", "hash": box_order.verification_hash()},
    )
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert BOX_TEXT in squeeze(html)
    no_json(html)


def test_staff_order_page_lists_what_each_gift_holds(admin_client, box_order):
    url = reverse("dashboard:order-detail", kwargs={"number": "900101"})
    html = admin_client.get(url).content.decode()
    assert 'id="gift-contents"' in html
    assert "Hộp quà 5 món: 2 × Chè búp Tân Cương, 3 × Mật ong rừng Bắc Kạn" in squeeze(html)
    assert 'id="payment"' in html  # the refunds panel is still there
    no_json(html)


def test_staff_order_list_shows_no_raw_json(admin_client, box_order):
    html = admin_client.get(reverse("dashboard:order-list")).content.decode()
    assert "900101" in html
    no_json(html)


def test_staff_line_page_shows_box_contents_not_the_option(admin_client, box_order):
    line = box_order.lines.get(product__box_type__isnull=False)
    url = reverse("dashboard:order-line-detail", kwargs={"number": "900101", "line_id": line.pk})
    html = admin_client.get(url).content.decode()
    text = squeeze(html)
    assert "Hộp quà 5 món 2 × Chè búp Tân Cương" in text and "3 × Mật ong rừng Bắc Kạn" in text
    no_json(html)


def test_order_emails_name_the_contents(box_order):
    box_line = box_order.lines.get(product__box_type__isnull=False)
    type(box_line.partner).objects.filter(pk=box_line.partner_id).update(email="taphet@example.vn")
    mail.outbox.clear()
    send_order_emails(order=box_order)
    confirmation = next(m for m in mail.outbox if m.to == ["hoa@example.vn"])
    assert BOX_TEXT in " ".join(confirmation.body.split())
    # The seller of the box (the packing point) is told what goes in it too.
    (notice,) = [m for m in mail.outbox if "taphet@example.vn" in m.to]
    assert BOX_TEXT in " ".join(notice.body.split())
    assert BOX_TEXT in squeeze(notice.alternatives[0][0])
    for message in mail.outbox:
        no_json(message.body)
        no_json(message.alternatives[0][0])


def test_staff_gift_lines_cost_the_same_queries_for_one_or_three_gifts(shopper):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from shop.gifts.templatetags.gift_tags import order_gift_lines

    one = place_basket(shopper, number="900201", adds=[(simple_set("Giỏ quà A"), 1)])
    three = place_basket(
        shopper, number="900202", adds=[(simple_set(f"Giỏ quà {n}"), 1) for n in "BCD"]
    )

    def queries(order) -> int:
        with CaptureQueriesContext(connection) as captured:
            found = order_gift_lines(order)
        assert all(contents.count == 3 for _line, contents in found)
        return len(captured), len(found)

    assert queries(three) == (queries(one)[0], 3)

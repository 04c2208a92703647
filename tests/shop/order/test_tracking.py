"""Guest order tracking (/shop/tra-cuu-don-hang/): the right number and phone or e-mail show
the order; every miss looks the same; failed look-ups are rate-limited; never cached."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from shop.order import tracking
from shop.producers import services
from shop.producers.models import Shipment
from tests.shop.producers.conftest import make_side, place_order

pytestmark = pytest.mark.django_db
URL = "/shop/tra-cuu-don-hang/"
MISS = "Không tìm thấy đơn hàng khớp với mã đơn"


@pytest.fixture
def side_a(db, django_user_model):
    return make_side(
        django_user_model,
        name="Hợp tác xã Chè Tân Cương",
        email="a@example.vn",
        title="Chè búp Tân Cương",
        price=350000,
    )


@pytest.fixture
def side_b(db, django_user_model):
    return make_side(
        django_user_model,
        name="Cơ sở Nước mắm Cát Hải",
        email="b@example.vn",
        title="Nước mắm cốt Cát Hải",
        price=185000,
    )


@pytest.fixture
def guest_order(side_a, side_b):
    """A guest's order from two producers; side A has shipped its part with GHN."""
    order = place_order((side_a.product, 2), (side_b.product, 1), email="Lan.Nguyen@Example.vn")
    shipment = Shipment.objects.get(order=order, partner=side_a.partner)
    services.update_shipment(
        shipment=shipment, status="shipped", carrier="GHN", tracking_number="GHN5XK8P2"
    )
    return order


def look_up(number, contact, client=None, **extra):
    return (client or Client()).post(URL, {"number": number, "contact": contact}, **extra)


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


# ----------------------------------------------------------------------------- found


@pytest.mark.parametrize(
    "contact",
    [
        "lan.nguyen@example.vn",
        "  LAN.NGUYEN@EXAMPLE.VN ",
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "091-234-5678",
        "+84912345678",
        "+84 912 345 678",
        "84912345678",
        "(+84) 0912 345 678",
        "0084 912 345 678",
    ],
)
def test_right_number_and_phone_or_email_show_the_order(guest_order, contact):
    response = look_up(guest_order.number, contact)
    assert response.status_code == 200
    html = response.content.decode()
    assert MISS not in html
    assert f"Đơn hàng {guest_order.number}" in html
    assert "Chè búp Tân Cương" in html and "Nước mắm cốt Cát Hải" in html
    assert "Đã gửi một phần" in html  # the order's status
    # Side A's shipment: carrier, tracking number and a link to GHN's tracking page.
    assert "GHN5XK8P2" in html
    assert 'href="https://donhang.ghn.vn/?order_code=GHN5XK8P2"' in html
    assert "Đã gửi hàng" in html and "Chờ chuẩn bị" in html


def test_shown_details_are_masked(guest_order):
    html = look_up(guest_order.number, "0912345678").content.decode()
    assert "091****678" in html
    assert "0912345678" not in html and "+84912345678" not in html
    assert "ngõ 12 phố Huế" not in html  # the street stays private
    assert "Số 5 ***" in html
    assert "Phường Hai Bà Trưng, Thành phố Hà Nội" in html
    assert "Nguyễn Thị" not in html
    assert "lan.nguyen@example.vn" not in html.lower()


def test_order_number_may_be_typed_with_spaces_or_hash(guest_order):
    html = look_up(f" #{guest_order.number} ", "0912345678").content.decode()
    assert f"Đơn hàng {guest_order.number}" in html


def test_account_order_found_by_account_email_and_by_phone(side_a, django_user_model):
    user = django_user_model.objects.create_user(
        username="minh", email="minh@example.vn", password="x-mật-khẩu-dài-2026"
    )
    order = place_order((side_a.product, 1), user=user, email="")
    assert "Chè búp Tân Cương" in look_up(order.number, "Minh@example.vn").content.decode()
    assert "Chè búp Tân Cương" in look_up(order.number, "+84 912 345 678").content.decode()
    assert MISS in look_up(order.number, "khach@example.vn").content.decode()


def test_gift_order_hiding_prices_shows_no_prices(side_a):
    order = place_order((side_a.product, 1))
    order.hide_prices = True
    order.save()
    html = look_up(order.number, "0912345678").content.decode()
    assert "Chè búp Tân Cương" in html
    assert "350.000" not in html


# ----------------------------------------------------------------------------- no enumeration


def test_wrong_pair_and_unknown_order_look_exactly_the_same(guest_order):
    number = str(guest_order.number)
    unknown = str(int(number) + 1000)
    wrong = look_up(number, "0987654321")
    missing = look_up(unknown, "0987654321")
    wrong_email = look_up(number, "ai-do@example.vn")
    missing_email = look_up(unknown, "ai-do@example.vn")
    assert wrong.status_code == missing.status_code == 200
    assert wrong_email.status_code == missing_email.status_code == 200
    assert MISS in wrong.content.decode()
    # Byte for byte the same page, once the number typed in (echoed in the form) is aligned.
    assert without_csrf(wrong.content.decode()) == without_csrf(
        missing.content.decode().replace(unknown, number)
    )
    assert without_csrf(wrong_email.content.decode()) == without_csrf(
        missing_email.content.decode().replace(unknown, number)
    )
    assert "Chè búp" not in wrong.content.decode()


def test_a_partial_phone_does_not_match(guest_order):
    for contact in ["345678", "0912", "912345678x@", "84"]:
        assert MISS in look_up(guest_order.number, contact).content.decode()


# ----------------------------------------------------------------------------- rate limit


@pytest.fixture
def limited(settings):
    settings.ORDER_TRACKING_RATE_LIMIT = {"per_ip": 6, "per_order": 3, "window": 900}


def test_guessing_contacts_for_one_order_is_stopped(guest_order, limited):
    for guess in ["0900000001", "0900000002", "0900000003"]:
        assert MISS in look_up(guest_order.number, guess).content.decode()
    # Even the right pair is refused now, with a clear message and 429.
    response = look_up(guest_order.number, "0912345678")
    assert response.status_code == 429
    html = response.content.decode()
    assert "quá nhiều lần" in html and "15 phút" in html
    assert response["Retry-After"] == "900"
    assert "Chè búp" not in html
    # From another address too: the counter is the order number's.
    other = look_up(guest_order.number, "0912345678", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 429


def test_an_unknown_number_is_limited_the_same_way(guest_order, limited):
    unknown = str(int(guest_order.number) + 1000)
    for guess in ["0900000001", "0900000002", "0900000003"]:
        look_up(unknown, guess)
    assert look_up(unknown, "0912345678").status_code == 429


def test_trying_many_orders_from_one_address_is_stopped(side_a, limited):
    orders = [place_order((side_a.product, 1)) for _ in range(2)]
    start = int(orders[-1].number) + 100
    for n in range(6):  # six different numbers, each failing once
        assert look_up(str(start + n), "0912345678").status_code == 200
    blocked = look_up(orders[0].number, "0912345678")
    assert blocked.status_code == 429
    # Another client address still gets its answer.
    assert (
        "Chè búp"
        in look_up(orders[0].number, "0912345678", REMOTE_ADDR="10.0.0.9").content.decode()
    )


def test_successful_look_ups_are_not_counted(guest_order, limited):
    for _ in range(8):
        assert look_up(guest_order.number, "0912345678").status_code == 200


# ----------------------------------------------------------------------------- the page


def test_post_needs_the_csrf_token(guest_order):
    visitor = Client(enforce_csrf_checks=True)
    assert look_up(guest_order.number, "0912345678", client=visitor).status_code == 403
    page = visitor.get(URL)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = visitor.post(
        URL, {"number": guest_order.number, "contact": "0912345678", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200
    assert "GHN5XK8P2" in response.content.decode()


def test_page_is_never_cached(guest_order):
    for response in (Client().get(URL), look_up(guest_order.number, "0912345678")):
        cache_control = response["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control


def test_form_page_is_vietnamese_prefills_the_number_and_is_linked_everywhere(guest_order):
    html = Client().get(URL, {"don": guest_order.number}).content.decode()
    assert "Tra cứu đơn hàng" in html
    assert f'value="{guest_order.number}"' in html
    assert "Số điện thoại hoặc e-mail đặt hàng" in html
    assert "GHN5XK8P2" not in html  # a GET never looks anything up
    home = Client().get(reverse("catalogue:index")).content.decode()
    assert home.count(f'href="{URL}"') >= 2  # header and footer


def test_empty_fields_ask_for_both(guest_order):
    response = Client().post(URL, {"number": "", "contact": ""})
    assert response.status_code == 200
    assert response.content.decode().count("field__error") == 2


def test_look_up_query_count_is_bounded(guest_order, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = look_up(guest_order.number, "0912345678")
    assert "GHN5XK8P2" in response.content.decode()


def test_order_confirmation_and_shipped_emails_link_the_tracking_page(
    side_a, django_capture_on_commit_callbacks
):
    from shop.checkout.notifications import send_order_emails

    order = place_order((side_a.product, 1))
    mail.outbox.clear()
    send_order_emails(order=order)
    confirmation = mail.outbox[0]
    assert f"{URL}?don={order.number}" in confirmation.body
    assert f"{URL}?don={order.number}" in confirmation.alternatives[0][0]
    mail.outbox.clear()
    shipment = Shipment.objects.get(order=order)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_shipment(
            shipment=shipment, status="shipped", carrier="VNPost", tracking_number="EB1VN"
        )
    assert f"{URL}?don={order.number}" in mail.outbox[0].body
    assert "/shop/accounts/orders/" not in mail.outbox[0].body  # a guest has no account page
    assert "Theo dõi trên trang" not in mail.outbox[0].body  # no known page for VNPost


def test_shipped_email_links_the_carriers_tracking_page(side_a, django_capture_on_commit_callbacks):
    order = place_order((side_a.product, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.update_shipment(
            shipment=Shipment.objects.get(order=order),
            status="shipped",
            carrier="GHN",
            tracking_number="GHN5XK8P2",
        )
    body = mail.outbox[-1].body
    assert "Theo dõi trên trang GHN: https://donhang.ghn.vn/?order_code=GHN5XK8P2" in body


# ----------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("typed", "national"),
    [
        ("0912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("840912345678", "0912345678"),
        ("0084912345678", "0912345678"),
        ("024 3825 1234", "02438251234"),
        ("+84 24 3825 1234", "02438251234"),
        ("0843 123 456", "0843123456"),
        ("12345", ""),
        ("", ""),
    ],
)
def test_normalise_phone(typed, national):
    assert tracking.normalise_phone(typed) == national


def test_tracking_links_only_for_known_carriers():
    assert tracking.tracking_url("Giao Hàng Nhanh", "A 1/2") == (
        "https://donhang.ghn.vn/?order_code=A%201%2F2"
    )
    assert tracking.tracking_url("ghtk", "S1") == "https://i.ghtk.vn/S1"
    assert tracking.tracking_url("Xe khách nhà xe Hoàng Long", "HL1") == ""

"""After placement: producers are paid for their components, ship them to the right place,
and shipping, alcohol and lead times look inside gift lines."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from shop.checkout.views import basket_has_alcohol, basket_lead_days
from shop.gifts.models import ComponentCommission
from shop.producers import services
from shop.producers.models import LineCommission, Shipment
from shop.shipping.charges import shipments
from tests.factories import gift_set, platform_partner, sellable_product
from tests.shop.checkout.conftest import set_weight
from tests.shop.checkout.placement import basket_with
from tests.shop.producers.conftest import make_side, place_order

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


@pytest.fixture
def side_a(django_user_model):
    return make_side(
        django_user_model,
        name="Hợp tác xã Chè Tân Cương",
        email="a@example.vn",
        title="Chè búp Tân Cương",
        price=200000,
    )


@pytest.fixture
def side_b(django_user_model):
    return make_side(
        django_user_model,
        name="Cơ sở Nước mắm Cát Hải",
        email="b@example.vn",
        title="Nước mắm cốt Cát Hải",
        price=150000,
    )


@pytest.fixture
def mixed_gift(side_a, side_b):
    return gift_set([(side_a.product, 2), (side_b.product, 1)], price=600000)


def ship(order, partner):
    services.update_shipment(
        shipment=Shipment.objects.get(order=order, partner=partner),
        status="shipped",
        carrier="VNPost",
        tracking_number="EB1",
    )


def test_each_producer_is_paid_for_its_components_at_their_prices(side_a, side_b, mixed_gift):
    order = place_order((mixed_gift, 2), (side_a.product, 1))
    gift_line = order.lines.get(product=mixed_gift)
    assert not LineCommission.objects.filter(line=gift_line).exists()
    rows = {r.partner_id: r for r in ComponentCommission.objects.filter(order_line=gift_line)}
    assert rows[side_a.partner.pk].gross == Decimal(2 * 2 * 200000)
    assert rows[side_a.partner.pk].commission == Decimal(80000)  # the 10 % default rate
    assert rows[side_b.partner.pk].gross == Decimal(2 * 150000)
    # Producers ship their components; the platform ships the assembled basket.
    partners = set(Shipment.objects.filter(order=order).values_list("partner_id", flat=True))
    assert partners == {side_a.partner.pk, side_b.partner.pk, platform_partner().pk}
    services.record_order(order=order)  # twice is harmless
    assert ComponentCommission.objects.count() == 2

    today = timezone.localdate()
    statement = services.statement(partner=side_a.partner, year=today.year, month=today.month)
    assert statement.gross == Decimal(800000 + 200000)  # components + its own plain line
    titles = [row.line.title for row in statement.rows]
    assert "Chè búp Tân Cương (trong “Giỏ quà Tết An Khang”)" in titles

    assert services.owed_by_producer() == []  # nothing has left yet
    ship(order, side_a.partner)
    owed = {row["partner_id"]: row["amount"] for row in services.owed_by_producer()}
    assert owed == {side_a.partner.pk: Decimal(720000 + 180000)}
    payout = services.pay_producer(partner=side_a.partner, reference="VCB-1", by=None)
    assert payout.amount == Decimal(900000)
    assert ComponentCommission.objects.get(partner=side_a.partner).payout_record == payout
    assert services.owed_by_producer() == []


def test_the_statement_csv_lists_components(client, side_a, mixed_gift):
    place_order((mixed_gift, 1))
    client.force_login(side_a.user)
    today = timezone.localdate()
    response = client.get(
        reverse("producers:statement-csv"), {"year": today.year, "month": today.month}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][2:5] == ["Chè búp Tân Cương (trong “Giỏ quà Tết An Khang”)", "2", "400000"]


def test_the_portal_shows_a_producer_its_components_and_where_to_send_them(
    client, side_a, side_b, mixed_gift
):
    order = place_order((mixed_gift, 3))
    client.force_login(side_a.user)
    assert str(order.number) in client.get(reverse("producers:order-list")).content.decode()
    html = client.get(reverse("producers:order-detail", args=[order.number])).content.decode()
    assert "Hàng của bạn trong giỏ quà" in html
    assert "Chè búp Tân Cương" in html and "Nước mắm" not in html
    assert "Điểm tập kết" in html and "Điểm tập kết quà tặng Chợ OCOP" in html
    assert "<td>6</td>" in html  # 2 per basket × 3 baskets


def test_a_producers_own_gift_set_goes_straight_to_the_shopper(client, side_a):
    jam = sellable_product(title="Mứt chè xanh", price=90000, producer=side_a.partner)
    own = gift_set([(side_a.product, 1), (jam, 1)], curator_partner=side_a.partner)
    order = place_order((own, 1))
    assert set(Shipment.objects.filter(order=order).values_list("partner_id", flat=True)) == {
        side_a.partner.pk
    }
    client.force_login(side_a.user)
    html = client.get(reverse("producers:order-detail", args=[order.number])).content.decode()
    assert "Mứt chè xanh" in html and "Người nhận" in html and "Điểm tập kết:" not in html


def test_shipping_weighs_components_and_sends_mixed_gifts_from_the_packing_point(
    settings, producers, tea, sauce
):
    settings.OCOP_PACKING_POINT = {"name": "Kho Hà Nội", "address": "x", "province_code": "01"}
    set_weight(tea, 0.5)
    set_weight(sauce, 1.5)
    mixed = gift_set([(tea, 2), (sauce, 1)], price=300000)
    basket = basket_with(mixed, 2)
    basket.add_product(tea, 1)
    result = {s.partner_name: s for s in shipments(basket=basket, to_province="79")}
    assert set(result) == {"Kho Hà Nội", producers[0].name}
    assert result["Kho Hà Nội"].weight_kg == Decimal("5.0")  # (2 × 0.5 + 1.5) × 2 baskets
    assert result["Kho Hà Nội"].province_code == "01"
    assert result[producers[0].name].weight_kg == Decimal("0.5")  # the plain line alone


def test_a_gift_from_one_producer_travels_in_that_producers_shipment(producers, tea):
    set_weight(tea, 0.5)
    single = gift_set([(tea, 3)], price=500000)
    basket = basket_with(single)
    basket.add_product(tea, 1)
    (only,) = shipments(basket=basket, to_province="19")
    assert only.partner_id == producers[0].pk
    assert only.weight_kg == Decimal("2.0")
    assert only.zone == "same_province"


def test_an_alcoholic_component_makes_the_basket_alcoholic_and_lead_days_look_inside(
    producers, tea
):
    wine = sellable_product(
        title="Rượu mơ Yên Tử", price=250000, producer=producers[1], subgroup="alcoholic"
    )
    soft = gift_set([(tea, 1)], title="Giỏ chè")
    assert not basket_has_alcohol(basket_with(soft))
    hard = gift_set([(tea, 1), (wine, 1)], title="Giỏ rượu")
    basket = basket_with(hard)
    assert basket_has_alcohol(basket)
    assert max(basket_lead_days(basket)) == 5  # the wine producer's, not the platform's


def test_a_platform_set_from_one_producer_is_that_producers_line_and_shipment(
    side_a, django_capture_on_commit_callbacks
):
    from django.core import mail

    jam = sellable_product(title="Mứt chè xanh", price=90000, producer=side_a.partner)
    gift = gift_set([(side_a.product, 1), (jam, 2)], title="Giỏ chè Thái")  # platform's
    order = place_order((gift, 1))
    line = order.lines.get()
    assert line.partner == side_a.partner  # the producer fulfils it
    assert list(Shipment.objects.filter(order=order).values_list("partner", flat=True)) == [
        side_a.partner.pk
    ]
    with django_capture_on_commit_callbacks(execute=True):
        ship(order, side_a.partner)
    (email,) = [m for m in mail.outbox if "đã gửi hàng" in m.subject]
    assert "Giỏ chè Thái × 1" in email.body
    line.refresh_from_db()
    order.refresh_from_db()
    assert line.status == order.status  # the line, then the order, follow the shipment


def test_components_sent_to_the_packing_point_tell_the_shopper_nothing(
    client, side_a, side_b, mixed_gift, django_capture_on_commit_callbacks
):
    from django.core import mail

    order = place_order((mixed_gift, 1))
    client.force_login(side_a.user)
    html = client.get(reverse("producers:order-detail", args=[order.number])).content.decode()
    assert "Hàng của bạn được đóng vào giỏ quà tại điểm tập kết" in html
    assert "Số 5 ngõ 12 phố Huế" not in html  # the shopper's address is not where it goes
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ship(order, side_a.partner)
    assert [m for m in mail.outbox if "đã gửi hàng" in m.subject] == []
    with django_capture_on_commit_callbacks(execute=True):
        ship(order, platform_partner())  # the assembled basket leaves the packing point
    (email,) = [m for m in mail.outbox if "đã gửi hàng" in m.subject]
    assert "Giỏ quà Tết An Khang × 1" in email.body

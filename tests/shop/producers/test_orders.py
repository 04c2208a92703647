from decimal import Decimal

import pytest
from django.core import mail
from django.template import Context, Template
from django.urls import reverse

from shop.order import statuses
from shop.producers import services
from shop.producers.models import LineCommission, Shipment

pytestmark = pytest.mark.django_db


def test_placing_an_order_records_shipments_and_commissions(side_a, side_b, mixed_order):
    shipments = Shipment.objects.filter(order=mixed_order)
    assert {s.partner_id for s in shipments} == {side_a.partner.pk, side_b.partner.pk}
    a_line = mixed_order.lines.get(partner=side_a.partner)
    commission = LineCommission.objects.get(line=a_line)
    assert commission.gross == 700000  # 2 × 350.000 ₫
    assert commission.rate == Decimal("0.10")
    assert (commission.commission, commission.payout) == (70000, 630000)
    # Safe to run again (e.g. a retried receiver).
    services.record_order(order=mixed_order)
    assert LineCommission.objects.filter(line__order=mixed_order).count() == 2


def test_commission_rate_set_per_producer_and_rounded_to_whole_dong(side_a, side_b):
    from .conftest import place_order

    side_b.partner.commission_rate = Decimal("0.0725")
    side_b.partner.save()
    order = place_order((side_b.product, 1))  # 185.000 ₫ × 7,25% = 13.412,5 ₫
    line = LineCommission.objects.get(line__order=order)
    assert (line.commission, line.payout) == (13413, 171587)
    assert line.commission + line.payout == line.gross


@pytest.mark.parametrize(
    ("gross", "rate", "expected"),
    [
        (Decimal("350000"), Decimal("0.10"), (35000, 315000)),
        (Decimal("99999"), Decimal("0.10"), (10000, 89999)),
        (Decimal("185000"), Decimal("0"), (0, 185000)),
        (Decimal("1"), Decimal("0.5"), (1, 0)),
    ],
)
def test_split_line(gross, rate, expected):
    _, commission, payout = services.split_line(gross=gross, rate=rate)
    assert (commission, payout) == expected


def test_producer_marks_packed_then_shipped_and_shopper_is_told(
    client_a, side_a, mixed_order, django_capture_on_commit_callbacks
):
    url = reverse("producers:order-detail", args=[mixed_order.number])
    assert client_a.post(url, {"status": "packed"}).status_code == 302
    shipment = Shipment.objects.get(order=mixed_order, partner=side_a.partner)
    assert shipment.status == "packed" and shipment.packed_at
    # Shipping needs a carrier and a tracking number.
    response = client_a.post(url, {"status": "shipped"})
    assert response.status_code == 400
    assert "mã vận đơn" in response.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(
            url, {"status": "shipped", "carrier": "Viettel Post", "tracking_number": "VTP123"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["khach@example.vn"]
    assert "VTP123" in mail.outbox[0].body
    assert "Chè búp Tân Cương" in mail.outbox[0].body
    assert "Nước mắm" not in mail.outbox[0].body
    mixed_order.refresh_from_db()
    assert mixed_order.status == statuses.PARTLY_SHIPPED


def test_order_status_follows_all_shipments(side_a, side_b, mixed_order):
    for side in (side_a, side_b):
        shipment = Shipment.objects.get(order=mixed_order, partner=side.partner)
        services.update_shipment(
            shipment=shipment, status="shipped", carrier="VNPost", tracking_number="EB1"
        )
    mixed_order.refresh_from_db()
    assert mixed_order.status == statuses.SHIPPED
    for shipment in mixed_order.shipments.all():
        services.update_shipment(shipment=shipment, status="delivered")
    mixed_order.refresh_from_db()
    assert mixed_order.status == statuses.DELIVERED
    # partly shipped → shipped → delivered
    assert list(mixed_order.status_changes.order_by("pk").values_list("new_status", flat=True)) == [
        statuses.PARTLY_SHIPPED,
        statuses.SHIPPED,
        statuses.DELIVERED,
    ]


def test_cannot_go_backwards(side_a, mixed_order):
    shipment = Shipment.objects.get(order=mixed_order, partner=side_a.partner)
    services.update_shipment(shipment=shipment, status="shipped", carrier="X", tracking_number="1")
    with pytest.raises(services.ShipmentError):
        services.update_shipment(shipment=shipment, status="packed")


def test_shopper_order_page_partial_shows_a_shipment_per_producer(side_a, mixed_order):
    shipment = Shipment.objects.get(order=mixed_order, partner=side_a.partner)
    services.update_shipment(
        shipment=shipment, status="shipped", carrier="GHN", tracking_number="GHN42"
    )
    html = Template("{% load producer_tags %}{% order_shipments order %}").render(
        Context({"order": mixed_order})
    )
    assert html.count('class="order-shipment"') == 2
    assert "Hợp tác xã Chè Tân Cương" in html and "Cơ sở Nước mắm Cát Hải" in html
    assert "Đã gửi hàng" in html and "GHN42" in html
    assert "Chờ chuẩn bị" in html


def test_order_list_shows_own_shipments(client_a, mixed_order):
    html = client_a.get(reverse("producers:order-list")).content.decode()
    assert f"Đơn {mixed_order.number}" in html
    assert "Chờ chuẩn bị" in html


def test_shopper_order_page_shows_each_producers_shipment(
    client, django_user_model, side_a, side_b, django_assert_max_num_queries
):
    from .conftest import place_order

    shopper = django_user_model.objects.create_user(
        username="khach@example.vn", email="khach@example.vn", password="x-mật-khẩu-2026"
    )
    order = place_order((side_a.product, 1), (side_b.product, 2), user=shopper)
    services.update_shipment(
        shipment=Shipment.objects.get(order=order, partner=side_a.partner),
        status="shipped",
        carrier="Giao Hàng Nhanh",
        tracking_number="GHN-7788",
    )
    client.force_login(shopper)
    url = reverse("customer:order", kwargs={"order_number": order.number})
    with django_assert_max_num_queries(35):  # measured 31 with two producers
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="order-shipment"') == 2
    assert "Giao Hàng Nhanh" in html and "GHN-7788" in html
    assert "Đã gửi hàng" in html and "Chờ chuẩn bị" in html
    assert "Cơ sở Nước mắm Cát Hải" in html
    assert "Đã gửi một phần" in html  # the order's status follows its lines
    # Another shopper cannot open it.
    other = django_user_model.objects.create_user(
        username="khac@example.vn", email="khac@example.vn", password="x-mật-khẩu-2026"
    )
    client.force_login(other)
    assert client.get(url).status_code == 404

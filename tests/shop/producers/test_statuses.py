"""The order's status follows its lines, which follow their producer's shipment; the
Vietnamese pipeline is Oscar's, so the staff dashboard can still move an order on."""

import pytest
from django.urls import reverse

from shop.order import statuses
from shop.producers import services
from shop.producers.models import Shipment

pytestmark = pytest.mark.django_db


def _ship(order, partner, status="shipped"):
    shipment = Shipment.objects.get(order=order, partner=partner)
    services.update_shipment(
        shipment=shipment, status=status, carrier="Viettel Post", tracking_number="VTP1"
    )


def test_a_new_order_and_its_lines_start_processing(mixed_order):
    assert mixed_order.status == "Đang xử lý"
    assert set(mixed_order.lines.values_list("status", flat=True)) == {"Đang xử lý"}
    assert mixed_order.available_statuses() == statuses.ORDER_PIPELINE["Đang xử lý"]


def test_lines_follow_their_shipment_and_the_order_follows_the_lines(side_a, side_b, mixed_order):
    services.update_shipment(
        shipment=Shipment.objects.get(order=mixed_order, partner=side_a.partner), status="packed"
    )
    mixed_order.refresh_from_db()
    assert mixed_order.lines.get(partner=side_a.partner).status == "Đã đóng gói"
    assert mixed_order.lines.get(partner=side_b.partner).status == "Đang xử lý"
    assert mixed_order.status == "Đang xử lý"

    _ship(mixed_order, side_a.partner)
    mixed_order.refresh_from_db()
    assert mixed_order.lines.get(partner=side_a.partner).status == "Đã gửi hàng"
    assert mixed_order.status == "Đã gửi một phần"

    _ship(mixed_order, side_b.partner)
    mixed_order.refresh_from_db()
    assert mixed_order.status == "Đã gửi hàng"
    for shipment in mixed_order.shipments.all():
        services.update_shipment(shipment=shipment, status="delivered")
    mixed_order.refresh_from_db()
    assert mixed_order.status == "Đã giao hàng"
    assert set(mixed_order.lines.values_list("status", flat=True)) == {"Đã giao hàng"}
    # Every status set along the way is one the pipeline allows from the one before.
    changes = list(
        mixed_order.status_changes.order_by("pk").values_list("old_status", "new_status")
    )
    for old, new in changes:
        assert new in statuses.ORDER_PIPELINE[old]


def test_a_cancelled_producer_shipment_does_not_hold_the_order_back(side_a, side_b, mixed_order):
    Shipment.objects.filter(order=mixed_order, partner=side_b.partner).update(status="cancelled")
    _ship(mixed_order, side_a.partner)
    mixed_order.refresh_from_db()
    assert mixed_order.lines.get(partner=side_b.partner).status == "Đã huỷ"
    assert mixed_order.status == "Đã gửi hàng"


def test_staff_can_still_move_the_order_on_the_dashboard(admin_client, mixed_order):
    url = reverse("dashboard:order-detail", kwargs={"number": mixed_order.number})
    page = admin_client.get(url).content.decode()
    assert "Đã huỷ" in page  # offered by the pipeline
    response = admin_client.post(
        url, {"order_action": "change_order_status", "new_status": "Đã huỷ"}
    )
    assert response.status_code == 302
    mixed_order.refresh_from_db()
    assert mixed_order.status == "Đã huỷ"
    # The cascade cancels the lines, and shipping a cancelled order does not revive it.
    assert set(mixed_order.lines.values_list("status", flat=True)) == {"Đã huỷ"}
    services.sync_order_status(order=mixed_order)
    assert mixed_order.status == "Đã huỷ"


def test_the_dashboard_refuses_a_status_outside_the_pipeline(admin_client, side_a, mixed_order):
    _ship(mixed_order, side_a.partner)
    mixed_order.refresh_from_db()
    url = reverse("dashboard:order-detail", kwargs={"number": mixed_order.number})
    admin_client.post(url, {"order_action": "change_order_status", "new_status": "Đang xử lý"})
    mixed_order.refresh_from_db()
    assert mixed_order.status == "Đã gửi một phần"


@pytest.mark.parametrize(
    ("lines", "current", "expected"),
    [
        (["Đang xử lý", "Đã đóng gói"], "Đang xử lý", "Đang xử lý"),
        (["Đã gửi hàng", "Đã huỷ"], "Đang xử lý", "Đã gửi hàng"),
        (["Đã huỷ", "Đã huỷ"], "Đang xử lý", "Đã huỷ"),
        (["Đã giao hàng", "Đã gửi hàng"], "Đã gửi một phần", "Đã gửi hàng"),
        (["Đã giao hàng"], "Đã huỷ", "Đã huỷ"),
    ],
)
def test_order_status_for(lines, current, expected):
    assert statuses.order_status_for(lines, current) == expected

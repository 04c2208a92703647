import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from shop.producers import services
from shop.producers.models import LineCommission, Payout, Shipment

pytestmark = pytest.mark.django_db


def ship(order, partner):
    shipment = Shipment.objects.get(order=order, partner=partner)
    services.update_shipment(
        shipment=shipment, status="shipped", carrier="VNPost", tracking_number="EB1"
    )


def test_monthly_statement_and_csv(client_a, side_a, mixed_order):
    today = timezone.localdate()
    html = client_a.get(reverse("producers:statement")).content.decode()
    assert "700.000" in html and "70.000" in html and "630.000" in html
    assert "Nước mắm" not in html
    response = client_a.get(
        reverse("producers:statement-csv"), {"year": today.year, "month": today.month}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Ngày"
    assert rows[1][2:8] == ["Chè búp Tân Cương", "2", "700000", "10.00%", "70000", "630000"]
    assert rows[-1][0] == "Tổng" and rows[-1][7] == "630000"
    assert len(rows) == 3


def test_statement_of_another_month_is_empty_and_bad_month_404(client_a, mixed_order):
    html = client_a.get(reverse("producers:statement"), {"year": 2020, "month": 1}).content
    assert "Không có dòng hàng nào" in html.decode()
    assert client_a.get(reverse("producers:statement"), {"month": 13}).status_code == 404


def test_staff_see_owed_payouts_and_mark_paid(client, admin_user, side_a, side_b, mixed_order):
    client.force_login(admin_user)
    url = reverse("producers:staff-payouts")
    assert "Không có khoản nào đang nợ" in client.get(url).content.decode()  # nothing shipped
    ship(mixed_order, side_a.partner)
    owed = client.get(url).content.decode().split("Đã chi trả")[0]
    assert "Hợp tác xã Chè Tân Cương" in owed and "630.000" in owed
    assert "Cơ sở Nước mắm Cát Hải" not in owed  # B has not shipped yet
    response = client.post(url, {"partner": side_a.partner.pk, "reference": "VCB-0001"})
    assert response.status_code == 302
    payout = Payout.objects.get()
    assert (payout.partner, payout.amount, payout.reference) == (side_a.partner, 630000, "VCB-0001")
    assert LineCommission.objects.get(partner=side_a.partner).payout_record == payout
    assert "Không có khoản nào đang nợ" in client.get(url).content.decode()
    # Paying again finds nothing owed.
    client.post(url, {"partner": side_a.partner.pk, "reference": "VCB-0002"})
    assert Payout.objects.count() == 1


def test_paid_line_shows_on_the_statement(client_a, side_a, mixed_order, admin_user):
    ship(mixed_order, side_a.partner)
    services.pay_producer(partner=side_a.partner, reference="VCB-77", by=admin_user)
    assert "VCB-77" in client_a.get(reverse("producers:statement")).content.decode()


def test_staff_set_commission_rate_for_new_orders(client, admin_user, side_a, mixed_order):
    from .conftest import place_order

    client.force_login(admin_user)
    url = reverse("producers:staff-payouts")
    assert "Hợp tác xã Chè Tân Cương" in client.get(url).content.decode()
    client.post(url, {"partner": side_a.partner.pk, "percent": "8.5"})
    assert 'value="8.5"' in client.get(url).content.decode()
    side_a.partner.refresh_from_db()
    assert str(side_a.partner.commission_rate) == "0.0850"
    order = place_order((side_a.product, 1))
    line = LineCommission.objects.get(line__order=order)
    assert (line.commission, line.payout) == (29750, 320250)  # 8,5% of 350.000 ₫
    # Earlier orders keep the rate they were placed with.
    assert LineCommission.objects.get(line__order=mixed_order, partner=side_a.partner).rate == (
        Decimal("0.10")
    )
    assert client.post(url, {"partner": side_a.partner.pk, "percent": "150"}).status_code == 302
    side_a.partner.refresh_from_db()
    assert str(side_a.partner.commission_rate) == "0.0850"

"""The staff order page's money actions: refunds (whole order, or chosen lines and
quantities) that go to Stripe for card orders and are recorded for the others, and marking
a VietQR transfer received. Card refunds run against localstripe on loopback."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments import stripe_gateway

from .conftest import options, place

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def detail(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def paid_by_card(client, checkout, *items):
    checkout(*items)
    response = client.post(reverse("checkout:preview"), options(payment_method="stripe"))
    assert response.status_code == 302
    client.post(
        reverse("checkout:preview"), {"action": "place_order", "payment_method_id": "pm_card_visa"}
    )
    order = Order.objects.get()
    assert order.payment_state == "paid"
    return order


def refund_lines(staff, order, quantities: dict, before="0.00"):
    data = {"line_action": "refund_lines", "refunded_before": before, "selected_line": []}
    for line, qty in quantities.items():
        data["selected_line"].append(line.pk)
        data[f"selected_line_qty_{line.pk}"] = qty
    return staff.post(detail(order), data, follow=True)


def stripe_refunds(order):
    intent = order.sources.get().reference
    return [
        r
        for r in stripe_gateway.client().refunds.list(params={"limit": 100}).data
        if r.payment_intent == intent
    ]


def test_line_refund_then_full_refund_through_the_dashboard(
    client, checkout, products, stripe_settings, admin_client
):
    tea, cake = products
    order = paid_by_card(client, checkout, (tea, 2), (cake, 1))
    page = admin_client.get(detail(order)).content.decode()
    assert "Hoàn toàn bộ" in page and 'name="refunded_before" value="0.00"' in page
    tea_line = order.lines.get(product=tea)

    response = refund_lines(admin_client, order, {tea_line: 1})
    assert "Đã hoàn 350.000" in response.content.decode()
    order.refresh_from_db()
    assert order.payment_state == "partly_refunded"
    assert order.get_payment_state_display() == "Đã hoàn một phần"
    (refund,) = stripe_refunds(order)
    assert refund.amount == 350000 and refund.currency == "vnd"  # zero-decimal, not ×100
    event = order.payment_events.get(event_type__code="refund")
    assert event.event_type.name == "Hoàn tiền"
    assert event.amount == Decimal("350000") and event.reference == refund.id
    assert [(q.line_id, q.quantity) for q in event.line_quantities.all()] == [(tea_line.pk, 1)]

    # The same form submitted again (a double click): nothing more is refunded.
    again = refund_lines(admin_client, order, {tea_line: 1})
    assert "bấm hai lần" in again.content.decode()
    assert len(stripe_refunds(order)) == 1
    assert order.sources.get().amount_refunded == Decimal("350000")

    # Full refund of what is left, then nothing is left.
    left = order.total_incl_tax - 350000
    response = admin_client.post(
        detail(order), {"order_action": "refund_all", "refunded_before": "350000.00"}, follow=True
    )
    assert "Đã hoàn" in response.content.decode()
    order.refresh_from_db()
    assert order.payment_state == "refunded"
    assert sorted(r.amount for r in stripe_refunds(order)) == sorted([350000, int(left)])
    assert order.sources.get().amount_refunded == order.total_incl_tax
    assert order.payment_events.filter(event_type__code="refund").count() == 2
    # The full refund names the units left: one tea, one cake.
    last = order.payment_events.filter(event_type__code="refund").order_by("pk").last()
    assert sorted((q.line.product.title, q.quantity) for q in last.line_quantities.all()) == [
        ("Bánh pía sầu riêng", 1),
        ("Chè búp Tân Cương", 1),
    ]
    assert "Hoàn toàn bộ" not in admin_client.get(detail(order)).content.decode()


def test_never_more_than_was_paid(client, checkout, products, stripe_settings, admin_client):
    tea, cake = products
    order = paid_by_card(client, checkout, (tea, 1), (cake, 1))
    tea_line = order.lines.get(product=tea)
    # More units than were bought: Oscar's line check refuses before anything happens.
    too_many = refund_lines(admin_client, order, {tea_line: 2})
    assert "không nên cao hơn 1" in too_many.content.decode()
    refund_lines(admin_client, order, {tea_line: 1})
    # The same unit again: already refunded.
    response = refund_lines(admin_client, order, {tea_line: 1}, before="350000.00")
    assert "chỉ còn 0 sản phẩm chưa hoàn tiền" in response.content.decode()
    # An amount above what is left is refused with the limit in the message.
    from shop.payments import refunds

    with pytest.raises(refunds.RefundError, match="chỉ còn tối đa"):
        refunds.refund(order=order, amount=order.total_incl_tax)
    assert len(stripe_refunds(order)) == 1


def test_producer_never_reaches_the_staff_order_page(
    client, checkout, products, stripe_settings, django_user_model
):
    tea, _ = products
    order = paid_by_card(client, checkout, (tea, 1))
    producer_user = django_user_model.objects.create_user(
        username="nsx@example.vn", email="nsx@example.vn", password="mật-khẩu-dài-2026"
    )
    producer_user.user_permissions.add(
        Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    )
    tea.stockrecords.get().partner.users.add(producer_user)
    client.force_login(producer_user)
    assert client.get(detail(order)).status_code in (302, 403, 404)
    response = client.post(detail(order), {"order_action": "refund_all", "refunded_before": "0"})
    assert response.status_code in (302, 403, 404)
    order.refresh_from_db()
    assert order.payment_state == "paid" and stripe_refunds(order) == []


def test_mark_transfer_received_from_the_dashboard_once(
    client, checkout, products, admin_client, django_capture_on_commit_callbacks
):
    tea, _ = products
    checkout((tea, 1))
    place(client, payment_method="vietqr")
    order = Order.objects.get()
    mail.outbox.clear()
    page = admin_client.get(detail(order)).content.decode()
    assert 'id="mark-paid-form"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            detail(order), {"order_action": "mark_paid", "reference": "FT2612345"}, follow=True
        )
    assert "Đã ghi nhận tiền chuyển khoản" in response.content.decode()
    order.refresh_from_db()
    assert order.payment_state == "paid" and order.paid_at is not None
    event = order.payment_events.get()
    assert event.reference == "FT2612345" and event.amount == order.total_incl_tax
    assert [m.to for m in mail.outbox] == [[order.email]]
    assert order.number in mail.outbox[0].subject and "chuyển khoản" in mail.outbox[0].body
    # Double submit: nothing more happens, no second e-mail; the button is gone.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            detail(order), {"order_action": "mark_paid", "reference": "FT2612345"}, follow=True
        )
    assert "đã được đánh dấu đã thanh toán từ trước" in response.content.decode()
    assert order.payment_events.count() == 1 and len(mail.outbox) == 1
    assert 'id="mark-paid-form"' not in response.content.decode()


def test_transfer_order_refund_is_recorded_for_a_bank_transfer_back(
    client, checkout, products, admin_client, django_capture_on_commit_callbacks
):
    tea, cake = products
    checkout((tea, 1), (cake, 1))
    place(client, payment_method="vietqr")
    order = Order.objects.get()
    # Not paid yet: nothing to refund.
    response = admin_client.post(
        detail(order), {"order_action": "refund_all", "refunded_before": "0.00"}, follow=True
    )
    assert "Chưa nhận được tiền chuyển khoản" in response.content.decode()
    admin_client.post(detail(order), {"order_action": "mark_paid"})
    cake_line = order.lines.get(product=cake)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = refund_lines(admin_client, order, {cake_line: 1})
    html = response.content.decode()
    (notice,) = mail.outbox
    assert notice.to == [order.email] and order.number in notice.subject
    assert "120.000" in notice.body and "Bánh pía sầu riêng × 1" in notice.body
    assert "chuyển khoản vào tài khoản ngân hàng" in notice.body
    assert "Đã ghi nhận hoàn 120.000" in html and "chuyển khoản" in html
    order.refresh_from_db()
    assert order.payment_state == "partly_refunded"
    event = order.payment_events.get(event_type__code="refund")
    assert event.amount == Decimal("120000")
    assert list(event.line_quantities.values_list("line_id", "quantity")) == [(cake_line.pk, 1)]


def test_cash_on_delivery_refund_only_after_delivery(client, checkout, products, admin_client):
    tea, _ = products
    checkout((tea, 1))
    place(client)
    order = Order.objects.get()
    response = admin_client.post(
        detail(order), {"order_action": "refund_all", "refunded_before": "0.00"}, follow=True
    )
    assert "chưa thu tiền" in response.content.decode()
    assert order.payment_events.count() == 0
    Order.objects.filter(pk=order.pk).update(status="Đã giao hàng")
    response = admin_client.post(
        detail(order), {"order_action": "refund_all", "refunded_before": "0.00"}, follow=True
    )
    assert "chuyển khoản số tiền này lại cho khách" in response.content.decode()
    order.refresh_from_db()
    assert order.payment_state == "refunded"


def test_shopper_sees_payment_state_and_refunds_on_their_order_page(
    client, products, address, admin_client, django_user_model
):
    tea, cake = products
    shopper = django_user_model.objects.create_user(
        username="mua@example.vn", email="mua@example.vn", password="mật-khẩu-dài-2026"
    )
    client.force_login(shopper)
    for product in (tea, cake):
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    client.post(reverse("checkout:shipping-address"), address)
    client.get(reverse("checkout:shipping-method"))
    place(client, payment_method="vietqr")
    order = Order.objects.get()
    url = reverse("customer:order", kwargs={"order_number": order.number})
    page = client.get(url).content.decode()
    assert "Chuyển khoản ngân hàng (VietQR)" in page and "Chờ thanh toán" in page
    admin_client.post(detail(order), {"order_action": "mark_paid"})
    refund_lines(admin_client, order, {order.lines.get(product=cake): 1})
    page = client.get(url).content.decode()
    assert "Đã hoàn một phần" in page and "Đã hoàn 120.000" in page

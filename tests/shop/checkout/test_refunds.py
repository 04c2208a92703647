"""A card refund that cannot be lost: the attempt is written before Stripe is asked, so when
the shop's own write after Stripe's refund fails, a retry completes the record with the
same refund and never refunds twice. Against localstripe on loopback (which ignores
idempotency keys, so the shop's own lookup by the refund's metadata is what is tested)."""

from decimal import Decimal

import pytest
from django.db import OperationalError
from oscar.core.loading import get_model

from shop.order.models import RefundAttempt
from shop.payments import refunds

from .test_dashboard_payments import paid_by_card, stripe_refunds

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def write_fails_once(monkeypatch):
    """The database write after Stripe's refund fails once: the records are written, then
    the transaction breaks (as a lost connection at commit would) and is rolled back."""
    original = refunds._record
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        original(*args, **kwargs)
        if calls["n"] == 1:
            raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(refunds, "_record", failing)
    return calls


def refunded(order):
    order.refresh_from_db()
    source = order.sources.get()
    events = order.payment_events.filter(event_type__code="refund")
    return source.amount_refunded, events.count(), order.payment_state


def test_stripe_refund_whose_record_fails_is_completed_by_the_retry_not_made_twice(
    client,
    checkout,
    products,
    stripe_settings,
    write_fails_once,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    tea, cake = products
    order = paid_by_card(client, checkout, (tea, 2), (cake, 1))
    tea_line = order.lines.get(product=tea)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(refunds.RefundError, match="chưa ghi nhận được"),
    ):
        refunds.refund(order=order, lines={tea_line.pk: 1}, expected_refunded=Decimal(0))
    # Stripe refunded; the shop's records were rolled back, but the attempt was kept.
    made = stripe_refunds(order)
    assert [r.amount for r in made] == [350000]
    assert refunded(order) == (Decimal(0), 0, "paid")
    attempt = RefundAttempt.objects.get(order=order)
    assert (attempt.status, attempt.amount, attempt.lines) == (
        "pending",
        Decimal(350000),
        {str(tea_line.pk): 1},
    )
    assert mailoutbox == []

    # Staff press the button again on the same page (the refunded total they see is still 0).
    with django_capture_on_commit_callbacks(execute=True):
        result = refunds.refund(order=order, lines={tea_line.pk: 1}, expected_refunded=Decimal(0))
    assert result.amount == Decimal(350000)
    assert result.reference == made[0].id
    assert [r.id for r in stripe_refunds(order)] == [made[0].id]  # the same refund, once
    assert refunded(order) == (Decimal(350000), 1, "partly_refunded")
    attempt.refresh_from_db()
    assert (attempt.status, attempt.stripe_refund_id) == ("done", made[0].id)
    event = order.payment_events.get(event_type__code="refund")
    assert event.reference == made[0].id
    assert list(event.line_quantities.values_list("line_id", "quantity")) == [(tea_line.pk, 1)]
    assert len(mailoutbox) == 1  # the shopper hears of it once, when it is recorded
    assert "350.000" in mailoutbox[0].body

    # A third press of the same form: the total moved, nothing more happens.
    with pytest.raises(refunds.RefundError, match="vừa được hoàn tiền"):
        refunds.refund(order=order, lines={tea_line.pk: 1}, expected_refunded=Decimal(0))
    assert len(stripe_refunds(order)) == 1

    # A later refund is a new attempt with a new key, and works as usual.
    refunds.refund(order=order, expected_refunded=Decimal(350000))
    rest = int(order.total_incl_tax) - 350000  # the rest, shipping included
    assert sorted(r.amount for r in stripe_refunds(order)) == sorted([350000, rest])
    assert refunded(order) == (order.total_incl_tax, 2, "refunded")
    assert RefundAttempt.objects.filter(order=order, status="done").count() == 2


def test_a_different_request_while_one_is_pending_only_completes_the_pending_one(
    client, checkout, products, stripe_settings, write_fails_once
):
    tea, cake = products
    order = paid_by_card(client, checkout, (tea, 1), (cake, 1))
    cake_line = order.lines.get(product=cake)
    with pytest.raises(refunds.RefundError):
        refunds.refund(order=order, lines={cake_line.pk: 1})
    # Someone now asks for everything: the pending cake refund is recorded, nothing more
    # goes to Stripe until staff have seen the new figures.
    with pytest.raises(refunds.RefundError, match="nay đã ghi nhận xong"):
        refunds.refund(order=order)
    assert [r.amount for r in stripe_refunds(order)] == [120000]
    assert refunded(order) == (Decimal(120000), 1, "partly_refunded")


def test_pending_refunds_are_completed_by_the_scheduled_job(
    client, checkout, products, stripe_settings, write_fails_once
):
    tea, _cake = products
    order = paid_by_card(client, checkout, (tea, 1))
    with pytest.raises(refunds.RefundError):
        refunds.refund(order=order)
    assert refunds.complete_pending_refunds() == 1
    assert refunds.complete_pending_refunds() == 0
    assert len(stripe_refunds(order)) == 1
    assert refunded(order) == (order.total_incl_tax, 1, "refunded")


def test_staff_see_a_pending_refund_in_the_admin_and_complete_it(
    client, checkout, products, stripe_settings, write_fails_once, admin_client
):
    from django.urls import reverse

    tea, _cake = products
    order = paid_by_card(client, checkout, (tea, 1))
    with pytest.raises(refunds.RefundError):
        refunds.refund(order=order)
    changelist = reverse("admin:order_refundattempt_changelist")
    page = admin_client.get(changelist, {"status": "pending"}).content.decode()
    assert f"refund-{order.number}-0" in page
    response = admin_client.post(
        changelist,
        {
            "action": "complete_pending",
            "_selected_action": [RefundAttempt.objects.get().pk],
        },
        follow=True,
    )
    assert "Đã ghi nhận 1 lần hoàn tiền" in response.content.decode()
    assert len(stripe_refunds(order)) == 1
    assert refunded(order) == (order.total_incl_tax, 1, "refunded")


def test_a_refund_inside_another_transaction_is_refused_before_stripe_is_asked(
    client, checkout, products, stripe_settings
):
    """Inside a caller's transaction the attempt would not be committed before Stripe is
    asked (a crash would lose it with the rest), so refund() refuses to run there."""
    from django.db import transaction

    tea, _cake = products
    order = paid_by_card(client, checkout, (tea, 1))
    with transaction.atomic(), pytest.raises(RuntimeError):
        refunds.refund(order=order)
    assert stripe_refunds(order) == []
    assert not RefundAttempt.objects.exists()

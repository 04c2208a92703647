"""With a queued task backend (production), a shopper's checkout sends no e-mail itself:
the order e-mails are queued with the order and the worker delivers them."""

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from shop.order.models import Order
from tests.services import run_worker
from tests.shop.checkout.conftest import place

pytestmark = pytest.mark.django_db


def test_checkout_queues_the_emails_and_the_worker_sends_them(queued_tasks, checkout, products):
    tea, cake = products
    client = checkout((tea, 1), (cake, 2))
    response = place(client)
    assert response.status_code == 302
    order = Order.objects.get()
    # The shopper's request answered without talking to a mail server.
    assert mail.outbox == []
    queued = DBTaskResult.objects.filter(task_path="shop.background.deliver_mail")
    assert queued.count() == 3  # the shopper's confirmation, one notice per producer
    assert run_worker() == 3
    to_shopper = [m for m in mail.outbox if m.to == ["khach.test@example.vn"]]
    assert len(to_shopper) == 1 and order.number in to_shopper[0].subject
    html = to_shopper[0].alternatives[0][0]
    assert "Chè búp Tân Cương" in html and order.number in html
    notices = [m for m in mail.outbox if m.to != ["khach.test@example.vn"]]
    assert len(notices) == 2
    # Each producer hears only of its own line.
    bodies = {tuple(m.to): m.body for m in notices}
    assert sum("Chè búp Tân Cương" in body for body in bodies.values()) == 1
    assert sum("Bánh pía sầu riêng" in body for body in bodies.values()) == 1


def test_a_failing_mail_server_never_fails_the_checkout(queued_tasks, checkout, products, settings):
    tea, _ = products
    client = checkout((tea, 1))
    response = place(client)
    assert response.status_code == 302 and Order.objects.count() == 1
    settings.EMAIL_BACKEND = "tests.ops.failing_mail.Backend"
    run_worker()
    failed = DBTaskResult.objects.failed().filter(task_path="shop.background.deliver_mail")
    assert failed.count() == 2 and "SMTP down" in failed.first().traceback
    # The order is there and intact; the task stays in the queue's history for staff.
    assert Order.objects.get().lines.count() == 1

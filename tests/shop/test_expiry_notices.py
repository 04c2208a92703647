"""Producers hear about their certificates: 60 and 14 days before the end, and when
products leave sale (with the sellability rule's reason)."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from shop.ocop.models import ExpiryNotice
from shop.ocop.notifications import notify_delisted, send_expiry_notices
from shop.ocop.rules import check_product
from tests.factories import CertificateFactory, ProducerFactory, sellable_product

pytestmark = pytest.mark.django_db

# Today in Vietnam: the factories date certificates from today.
ON = timezone.localdate()


def dmy(day: date) -> str:
    return f"{day:%d/%m/%Y}"


@pytest.fixture
def producer(django_user_model):
    producer = ProducerFactory(name="Hợp tác xã Chè Tân Cương", email="htx@example.vn")
    user = django_user_model.objects.create_user(
        username="giamdoc", email="giamdoc@example.vn", password="x"
    )
    producer.users.add(user)
    return producer


def certificate_ending(producer, days: int, **extra):
    return CertificateFactory(
        producer=producer,
        product_name="Chè búp Tân Cương",
        valid_from=ON - timedelta(days=900),
        decision_date=ON - timedelta(days=900),
        valid_until=ON + timedelta(days=days),
        **extra,
    )


def test_sixty_days_before_one_email_to_producer_and_its_users(producer, mailoutbox):
    certificate = certificate_ending(producer, 60, certificate_no="TN-2023-00060")

    assert send_expiry_notices(on=ON) == 1

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["htx@example.vn", "giamdoc@example.vn"]
    assert "TN-2023-00060" in email.subject
    assert "60 ngày" in email.subject
    assert dmy(ON + timedelta(days=60)) in email.body  # the last valid day
    assert "Chè búp Tân Cương" in email.body
    assert dmy(ON + timedelta(days=61)) in email.body  # first day off sale if not renewed
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html" and "TN-2023-00060" in html
    assert ExpiryNotice.objects.filter(certificate=certificate, days_before=60).count() == 1


def test_rerun_on_the_same_day_sends_nothing(producer, mailoutbox):
    certificate_ending(producer, 60)
    assert send_expiry_notices(on=ON) == 1
    assert send_expiry_notices(on=ON) == 0
    assert len(mailoutbox) == 1


def test_fifty_nine_days_sends_nothing(producer, mailoutbox):
    certificate_ending(producer, 59)
    certificate_ending(producer, 61)
    certificate_ending(producer, 15)
    assert send_expiry_notices(on=ON) == 0
    assert mailoutbox == []


def test_fourteen_days_sends_one(producer, mailoutbox):
    certificate_ending(producer, 14, certificate_no="TN-2023-00014")
    assert send_expiry_notices(on=ON) == 1
    assert len(mailoutbox) == 1
    assert "TN-2023-00014" in mailoutbox[0].subject
    assert "14 ngày" in mailoutbox[0].subject


def test_both_reminders_over_time(producer, mailoutbox):
    certificate_ending(producer, 60)
    sent = [send_expiry_notices(on=ON + timedelta(days=d)) for d in range(0, 61)]
    assert sum(sent) == 2
    assert sent[0] == 1 and sent[46] == 1  # 60 and 14 days before


def test_suspended_revoked_and_renewed_certificates_get_no_reminder(producer, mailoutbox):
    certificate_ending(producer, 60, status="suspended")
    certificate_ending(producer, 60, status="revoked")
    old = certificate_ending(producer, 14)
    CertificateFactory(
        product=old.product, producer=producer, valid_from=ON, valid_until=ON + timedelta(1095)
    )
    assert send_expiry_notices(on=ON) == 0
    assert mailoutbox == []


def test_producer_without_email_is_retried_once_it_has_one(mailoutbox):
    producer = ProducerFactory(email="")
    certificate_ending(producer, 60)
    assert send_expiry_notices(on=ON) == 0
    producer.email = "moi@example.vn"
    producer.save()
    assert send_expiry_notices(on=ON) == 1
    assert mailoutbox[0].to == ["moi@example.vn"]


def test_command_with_date(producer, mailoutbox):
    certificate_ending(producer, 14)
    out = StringIO()
    call_command("notify_expiring_certificates", "--date", ON.isoformat(), stdout=out)
    assert "đã gửi 1 thư" in out.getvalue()
    call_command("notify_expiring_certificates", "--date", ON.isoformat(), stdout=out)
    assert len(mailoutbox) == 1
    with pytest.raises(CommandError):
        call_command("notify_expiring_certificates", "--date", dmy(ON))


# --- Delisting ------------------------------------------------------------------------


def test_delisting_email_lists_products_with_their_reasons(producer, mailoutbox):
    tea = sellable_product(title="Chè búp Tân Cương", producer=producer)
    honey = sellable_product(title="Mật ong hoa nhãn", producer=producer)
    still_fine = sellable_product(title="Miến dong", producer=producer)
    tea.certificates.update(status="revoked", status_reason="Vi phạm quy định ghi nhãn")
    honey.certificates.update(valid_until=ON - timedelta(days=1), valid_from=ON - timedelta(900))

    sent = notify_delisted(product_ids=[tea.pk, honey.pk, still_fine.pk], on=ON)

    assert sent == 1
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["htx@example.vn", "giamdoc@example.vn"]
    assert "2 sản phẩm" in email.subject
    for product in (tea, honey):
        reason = check_product(product=product, on=ON).reason
        assert product.get_title() in email.body
        assert reason in email.body
    assert "Vi phạm quy định ghi nhãn" in email.body
    assert f"đã hết hiệu lực từ sau ngày {dmy(ON - timedelta(days=1))}" in email.body
    assert "Miến dong" not in email.body
    html = email.alternatives[0][0]
    assert "Mật ong hoa nhãn" in html and "Vi phạm quy định ghi nhãn" in html


def test_delisting_one_email_per_producer(mailoutbox):
    first = ProducerFactory(email="mot@example.vn")
    second = ProducerFactory(email="hai@example.vn")
    a = sellable_product(title="Nước mắm Cát Hải", producer=first)
    b = sellable_product(title="Gạo ST25", producer=second)
    for product in (a, b):
        product.certificates.update(status="suspended")
    assert notify_delisted(product_ids={a.pk, b.pk}) == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["hai@example.vn", "mot@example.vn"]
    assert notify_delisted(product_ids=[]) == 0

"""Staff pages for registry syncs in the Oscar dashboard, the "Đồng bộ ngay" button and the
emails that follow a sync (producers whose products left sale, staff when a run fails)."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks.signals import task_enqueued
from oscar.core.loading import get_model

from catalogue_sync.models import QuarantinedRecord, SyncRun
from catalogue_sync.notifications import notify_staff_aborted
from catalogue_sync.service import run_sync
from shop.ocop.models import Certificate, CertificateEvent
from shop.ocop.rules import check_product
from tests.catalogue_sync.conftest import REGISTRY
from tests.factories import CertificateFactory, ProducerFactory

pytestmark = pytest.mark.django_db

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

RUNS = reverse("ocop_dashboard:sync-run-list")
CERTIFICATES = reverse("ocop_dashboard:certificate-list")
SYNC_NOW = reverse("ocop_dashboard:sync-now")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        username="nhanvien", email="nhanvien@cho-ocop.vn", password="x", is_staff=True
    )


@pytest.fixture
def producer_user(django_user_model):
    """A producer's own login: a partner user with Oscar's partner dashboard access."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(
        username="htx", email="htx@example.vn", password="x", is_staff=False
    )
    user.user_permissions.add(Permission.objects.get(codename="dashboard_access"))
    ProducerFactory(email="htx@example.vn").users.add(user)
    return user


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def write_feed(path, records: list[dict]):
    page = {
        "registry": REGISTRY,
        "generated_at": "2026-11-23T02:00:00+07:00",
        "count": len(records),
        "next": None,
        "results": records,
    }
    path.write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    return path


def quarantined_run() -> SyncRun:
    run = SyncRun.objects.create(
        source="https://registry.example.vn/api/v1",
        outcome=SyncRun.Outcome.APPLIED,
        finished_at=timezone.now(),
        counts={"records": 3, "created": 2, "quarantined": 1, "delisted": 0},
    )
    QuarantinedRecord.objects.create(
        run=run,
        certificate_no="BG-2025-00999",
        reason="stars: phải từ 3 đến 5, nhận được 9",
        record={"certificate_no": "BG-2025-00999", "product_name": "Mật ong bạc hà", "stars": 9},
    )
    return run


# --- Who may see the pages -----------------------------------------------------------


def page_urls():
    run = quarantined_run()
    certificate = CertificateFactory()
    return [
        RUNS,
        reverse("ocop_dashboard:sync-run-detail", args=[run.pk]),
        CERTIFICATES,
        reverse("ocop_dashboard:certificate-detail", args=[certificate.pk]),
    ]


def test_anonymous_is_sent_to_login(client):
    for url in page_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("customer:login")), url
    response = client.post(SYNC_NOW, {"full": "on"})
    assert response.status_code == 302
    assert SyncRun.objects.count() == 1  # only the fixture's run


def test_producer_gets_403_and_no_menu_entry(client, producer_user, settings, tmp_path):
    settings.REGISTRY_URL = str(write_feed(tmp_path / "feed.json", []))
    client.force_login(producer_user)
    for url in page_urls():
        assert client.get(url).status_code == 403, url
    assert client.post(SYNC_NOW, {}).status_code == 403
    assert SyncRun.objects.count() == 1
    # The producer can use Oscar's dashboard, but the OCOP menu is not there for them.
    dashboard = client.get(reverse("dashboard:index"))
    assert dashboard.status_code == 200
    assert RUNS not in dashboard.content.decode()


def test_staff_sees_ocop_menu_in_dashboard(staff_client):
    html = staff_client.get(reverse("dashboard:index")).content.decode()
    assert RUNS in html
    assert CERTIFICATES in html


# --- Runs -------------------------------------------------------------------------------


def test_runs_list_newest_first_with_counts_outcome_and_error(staff_client):
    old = SyncRun.objects.create(
        source="/srv/feeds/old.json",
        outcome=SyncRun.Outcome.ABORTED,
        finished_at=timezone.now(),
        error="Lần đồng bộ này sẽ gỡ 40/100 sản phẩm đang bán",
        counts={"records": 100, "delisted": 40},
    )
    SyncRun.objects.filter(pk=old.pk).update(started_at=timezone.now() - timedelta(days=1))
    new = quarantined_run()

    response = staff_client.get(RUNS)

    assert response.status_code == 200
    html = response.content.decode()
    assert list(response.context["runs"]) == [new, old]
    assert "Đã huỷ, không thay đổi gì" in html and "Đã áp dụng" in html
    assert "Lần đồng bộ này sẽ gỡ 40/100 sản phẩm đang bán" in html
    assert "/srv/feeds/old.json" in html
    assert "ngừng bán: <strong>40</strong>" in html
    assert "1 bản ghi cách ly" in html
    assert "Đồng bộ ngay" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_runs_list_is_paginated(staff_client):
    for _ in range(30):
        SyncRun.objects.create(source="x.json", outcome=SyncRun.Outcome.APPLIED)
    first = staff_client.get(RUNS)
    second = staff_client.get(RUNS, {"page": 2})
    assert len(first.context["runs"]) == 25
    assert len(second.context["runs"]) == 5
    newest = SyncRun.objects.order_by("-pk").first()
    assert first.context["runs"][0] == newest


def test_run_detail_shows_quarantined_records_pretty_printed(staff_client):
    run = quarantined_run()
    response = staff_client.get(reverse("ocop_dashboard:sync-run-detail", args=[run.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "BG-2025-00999" in html
    assert "stars: phải từ 3 đến 5, nhận được 9" in html
    # Indented JSON, Vietnamese kept readable (not \\u escapes).
    assert "\n  &quot;product_name&quot;: &quot;Mật ong bạc hà&quot;," in html
    assert "\n  &quot;stars&quot;: 9" in html


# --- Certificates -------------------------------------------------------------------------


def test_certificate_search_and_state_filter(staff_client):
    CertificateFactory(certificate_no="BN-2025-00001", product_name="Mỳ Chũ")
    CertificateFactory(certificate_no="BN-2025-00002", product_name="Vải thiều", status="revoked")
    CertificateFactory(
        certificate_no="BN-2024-00003",
        product_name="Chè Tân Cương",
        valid_until=timezone.localdate() - timedelta(days=3),
    )

    def numbers(**query):
        response = staff_client.get(CERTIFICATES, query)
        assert response.status_code == 200
        return sorted(c.certificate_no for c in response.context["certificates"])

    assert numbers() == ["BN-2024-00003", "BN-2025-00001", "BN-2025-00002"]
    assert numbers(q="2025-0000") == ["BN-2025-00001", "BN-2025-00002"]
    assert numbers(q="Vải") == ["BN-2025-00002"]
    assert numbers(state="revoked") == ["BN-2025-00002"]
    assert numbers(state="expired") == ["BN-2024-00003"]
    assert numbers(state="valid") == ["BN-2025-00001"]
    html = staff_client.get(CERTIFICATES, {"state": "expired"}).content.decode()
    assert "hết hiệu lực" in html


def test_certificate_detail_shows_registry_fields_and_history(staff_client):
    certificate = CertificateFactory(
        certificate_no="BN-2025-00042",
        decision_no="987/QĐ-UBND",
        status="suspended",
        status_reason="Chưa đạt kiểm tra định kỳ",
        registry_authority="UBND tỉnh Bắc Ninh",
    )
    run = SyncRun.objects.create(source="feed.json", outcome=SyncRun.Outcome.APPLIED)
    CertificateEvent.objects.create(
        certificate=certificate, kind="recorded", on=timezone.localdate() - timedelta(days=90)
    )
    CertificateEvent.objects.create(
        certificate=certificate,
        kind="suspended",
        on=timezone.localdate(),
        reason="Chưa đạt kiểm tra định kỳ",
        sync_run_id=run.pk,
    )

    response = staff_client.get(reverse("ocop_dashboard:certificate-detail", args=[certificate.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "BN-2025-00042",
        "987/QĐ-UBND",
        "UBND tỉnh Bắc Ninh",
        "Tạm đình chỉ",
        "Số quyết định",
        "Hiệu lực đến",
        "Ghi nhận lần đầu",
    ):
        assert text in html, text
    assert [e.get_kind_display() for e in response.context["events"]] == [
        "Ghi nhận lần đầu",
        "Tạm đình chỉ",
    ]
    assert reverse("ocop_dashboard:sync-run-detail", args=[run.pk]) in html
    assert f"{certificate.valid_until:%d/%m/%Y}" in html  # dates the Vietnamese way


# --- The button ---------------------------------------------------------------------------


@pytest.fixture
def enqueued():
    seen = []

    def record(sender, task_result, **kwargs):
        seen.append(task_result)

    task_enqueued.connect(record)
    yield seen
    task_enqueued.disconnect(record)


def test_sync_now_enqueues_a_task_that_runs_the_sync(
    staff_client, staff, settings, tmp_path, make_records, enqueued
):
    settings.REGISTRY_URL = str(write_feed(tmp_path / "feed.json", make_records(3)))

    response = staff_client.post(SYNC_NOW, {"full": "on"}, follow=True)

    assert response.redirect_chain[-1][0] == RUNS
    assert [r.task.name for r in enqueued] == ["sync_registry"]
    assert enqueued[0].kwargs == {"full": True, "dry_run": False, "user_id": staff.pk}
    run = SyncRun.objects.get()
    assert run.outcome == SyncRun.Outcome.APPLIED
    assert run.triggered_by == staff
    assert run.source == settings.REGISTRY_URL
    assert run.counts["created"] == 3
    assert Certificate.objects.count() == 3
    html = response.content.decode()
    assert f"Lần đồng bộ #{run.pk}: Đã áp dụng." in html
    assert list(response.context["runs"]) == [run]


def test_sync_now_dry_run_writes_nothing(staff_client, settings, tmp_path, make_records):
    settings.REGISTRY_URL = str(write_feed(tmp_path / "feed.json", make_records(2)))
    response = staff_client.post(SYNC_NOW, {"dry_run": "on"}, follow=True)
    run = SyncRun.objects.get()
    assert run.outcome == SyncRun.Outcome.DRY_RUN
    assert Certificate.objects.count() == 0
    assert "Chạy thử (không ghi)" in response.content.decode()


def test_sync_now_without_registry_url_says_so(staff_client, settings, enqueued):
    settings.REGISTRY_URL = ""
    response = staff_client.post(SYNC_NOW, {}, follow=True)
    html = response.content.decode()
    assert "Chưa cấu hình nguồn dữ liệu OCOP" in html
    assert "REGISTRY_URL" in html
    assert enqueued == []
    assert not SyncRun.objects.exists()


def test_sync_now_is_post_only(staff_client, settings, tmp_path):
    settings.REGISTRY_URL = str(write_feed(tmp_path / "feed.json", []))
    assert staff_client.get(SYNC_NOW).status_code == 405
    assert not SyncRun.objects.exists()


def test_sync_now_requires_csrf(staff, settings, tmp_path):
    from django.test import Client

    settings.REGISTRY_URL = str(write_feed(tmp_path / "feed.json", []))
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    assert client.post(SYNC_NOW, {}).status_code == 403
    assert not SyncRun.objects.exists()


# --- Emails after a sync ------------------------------------------------------------------


def test_aborted_run_emails_staff(staff, producer_user, tmp_path, mailoutbox):
    run = run_sync(source=str(tmp_path / "khong-co.json"))

    assert run.outcome == SyncRun.Outcome.ABORTED
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["nhanvien@cho-ocop.vn"]  # staff only, not the producer's login
    assert f"Đồng bộ OCOP #{run.pk} không thành công" in email.subject
    assert "khong-co.json" in email.body
    assert run.error in email.body
    assert reverse("ocop_dashboard:sync-run-detail", args=[run.pk]) in email.body
    assert email.alternatives and email.alternatives[0][1] == "text/html"

    # Saving the finished run again does not email a second time.
    run.save()
    assert len(mailoutbox) == 1


def test_failed_run_emails_managers_when_set(staff, settings, mailoutbox):
    settings.MANAGERS = [("Vận hành", "vanhanh@cho-ocop.vn")]
    run = SyncRun.objects.create(source="x.json")
    run.outcome = SyncRun.Outcome.FAILED
    run.error = "OperationalError: database is locked"
    run.save(update_fields=["outcome", "error"])
    assert [m.to for m in mailoutbox] == [["vanhanh@cho-ocop.vn"]]
    assert "Lỗi" in mailoutbox[0].subject
    assert notify_staff_aborted(run) == 1


def test_applied_run_emails_no_staff(staff, settings, tmp_path, make_records, mailoutbox):
    run = run_sync(source=str(write_feed(tmp_path / "feed.json", make_records(2))))
    assert run.outcome == SyncRun.Outcome.APPLIED
    assert mailoutbox == []


def test_revocation_in_a_sync_emails_the_producer_its_delisted_product(
    staff, settings, tmp_path, make_records, mailoutbox
):
    records = make_records(6)  # one producer's products are n % 7: all different producers
    feed = write_feed(tmp_path / "feed.json", records)
    assert run_sync(source=str(feed)).outcome == SyncRun.Outcome.APPLIED
    certificate = Certificate.objects.select_related("product", "producer").get(
        certificate_no=records[0]["certificate_no"]
    )
    product = certificate.product
    StockRecord.objects.filter(product=product).update(price=Decimal(120000), num_in_stock=5)
    product.is_public = True
    product.save()
    Partner.objects.filter(pk=certificate.producer_id).update(email="hoptacxa@example.vn")
    assert check_product(product=product).sellable

    records[0].update(
        status="revoked",
        status_changed_on=timezone.localdate().isoformat(),
        status_reason="Vi phạm quy định ghi nhãn",
        updated_at=timezone.now().isoformat(),
    )
    run = run_sync(source=str(write_feed(feed, records)), force=True)

    assert run.outcome == SyncRun.Outcome.APPLIED
    assert run.counts["delisted"] == 1
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["hoptacxa@example.vn"]
    assert "đã ngừng bán" in email.subject
    assert product.get_title() in email.body
    reason = check_product(product=product).reason
    assert "đã bị thu hồi" in reason and "Vi phạm quy định ghi nhãn" in reason
    assert reason in email.body

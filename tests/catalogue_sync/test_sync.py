"""The whole sync against a loopback registry: what staff, producers and customers notice."""

import json
import threading
from datetime import UTC, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue_sync.models import QuarantinedRecord, SyncRun
from catalogue_sync.service import run_sync, sync_lock
from catalogue_sync.signals import registry_synced
from shop.ocop.models import Certificate, CertificateEvent
from shop.ocop.rules import check_product, sellable_products

from .conftest import days_ago, feed_record

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")

pytestmark = pytest.mark.django_db


def product_of(certificate_no: str):
    return Certificate.objects.get(certificate_no=certificate_no).product


def put_on_sale(product, price=120000, stock=5):
    product.is_public = True
    product.description = "Mô tả của nhà sản xuất"
    product.save()
    StockRecord.objects.filter(product=product).update(price=Decimal(price), num_in_stock=stock)


def test_first_run_creates_draft_listings_for_producers(registry, make_records):
    registry.set(make_records(3))
    run = run_sync(source=registry.url)

    assert run.outcome == SyncRun.Outcome.APPLIED, run.error
    assert run.mode == SyncRun.Mode.FULL
    assert run.counts["created"] == 3
    assert run.counts["records"] == 3
    cert = Certificate.objects.get(certificate_no="BN-2025-00001")
    assert cert.registry_authority == "UBND tỉnh Bắc Ninh"
    assert cert.last_checked_at is not None
    product = cert.product
    assert product.title == "Vải thiều Lục Ngạn sấy khô 1"
    assert product.is_public is False
    assert product.product_class.slug == "ocop"
    assert product.product_class.name == "Sản phẩm OCOP"
    assert [c.name for c in product.get_categories()] == ["Thực phẩm"]
    assert product.attr.ocop_stars == 4
    assert product.attr.ocop_certificate_no == "BN-2025-00001"
    record = product.stockrecords.get()
    assert record.partner.registry_code == "BN-C-0001"
    assert record.partner_sku == "BN-P-00001"
    assert record.price is None and record.num_in_stock == 0 and record.price_currency == "VND"
    producer = record.partner
    assert producer.name == "Hợp tác xã Nông sản Lục Ngạn 1"
    assert producer.address_district == "Huyện Lục Ngạn"  # as printed
    assert producer.address_province == "Tỉnh Bắc Giang"
    assert producer.province_name == "Bắc Ninh"  # today's province after the 2025 merger
    assert producer.registry_synced_at is not None
    assert list(cert.events.values_list("kind", flat=True)) == ["recorded"]
    assert cert.events.get().sync_run_id == run.pk
    # A draft has no price and is not published: nothing is on sale yet.
    assert check_product(product=product).code == "unpublished"
    assert Category.objects.filter(depth=1, code__startswith="ocop-").count() == 6


def test_second_identical_run_changes_nothing(registry, make_records):
    registry.set(make_records(5))
    first = run_sync(source=registry.url)
    checked = Certificate.objects.get(certificate_no="BN-2025-00001").last_checked_at
    events = CertificateEvent.objects.count()

    second = run_sync(source=registry.url, full=True)

    assert second.outcome == SyncRun.Outcome.APPLIED
    assert second.counts["unchanged"] == 5
    for key in ("created", "updated", "renewed", "expired", "revoked", "suspended"):
        assert second.counts[key] == 0, key
    assert CertificateEvent.objects.count() == events
    assert Product.objects.count() == 5
    assert Certificate.objects.get(certificate_no="BN-2025-00001").last_checked_at > checked
    assert first.pk != second.pk


def test_incremental_run_asks_for_changes_since_the_last_applied_run(registry, make_records):
    registry.set(make_records(4))
    first = run_sync(source=registry.url)
    changed = feed_record(
        2, stars=5, updated_at=(timezone.now() + timedelta(minutes=1)).isoformat()
    )
    registry.set([*make_records(1), changed, *make_records(2, start=3)])
    registry.requests.clear()

    second = run_sync(source=registry.url)

    assert second.mode == SyncRun.Mode.INCREMENTAL
    assert second.updated_since == first.started_at
    since = registry.requests[0]["query"]["updated_since"]
    assert since == first.started_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert second.counts["records"] == 1
    assert second.counts["updated"] == 1
    assert product_of("BN-2025-00002").attr.ocop_stars == 5

    registry.requests.clear()
    full = run_sync(source=registry.url, full=True)
    assert "updated_since" not in registry.requests[0]["query"]
    assert full.mode == SyncRun.Mode.FULL


def test_producer_fields_survive_and_registry_fields_follow_the_registry(registry, make_records):
    registry.set(make_records(1))
    run_sync(source=registry.url)
    product = product_of("BN-2025-00001")
    put_on_sale(product, price=250000, stock=7)
    staff_pick = Category.add_root(name="Quà Tết")
    ProductCategory.objects.create(product=product, category=staff_pick)
    producer = Partner.objects.get(registry_code="BN-C-0001")
    producer.phone = "0912 000 111"
    producer.save()

    registry.set(
        [
            feed_record(
                1,
                product_name="Vải thiều Lục Ngạn sấy dẻo",
                stars=5,
                product_group="beverage",
                producer={"name": "HTX Nông sản Lục Ngạn", "phone": "0204 999 999"},
            )
        ]
    )
    run = run_sync(source=registry.url, full=True)

    assert run.counts["updated"] == 1
    product.refresh_from_db()
    assert product.title == "Vải thiều Lục Ngạn sấy dẻo"
    assert product.attr.ocop_stars == 5
    assert sorted(c.name for c in product.get_categories()) == ["Quà Tết", "Đồ uống"]
    assert product.is_public is True
    assert product.description == "Mô tả của nhà sản xuất"
    record = product.stockrecords.get()
    assert record.price == Decimal(250000) and record.num_in_stock == 7
    producer.refresh_from_db()
    assert producer.name == "HTX Nông sản Lục Ngạn"
    assert producer.phone == "0912 000 111"  # the producer's own contact details win
    assert sellable_products().filter(pk=product.pk).exists()
    event = CertificateEvent.objects.get(kind="updated")
    assert event.reason == "Thay đổi: Tên sản phẩm, Nhóm, Số sao"


def test_renewal_links_the_same_product(registry, make_records):
    old = feed_record(
        1, valid_from=days_ago(1100), decision_date=days_ago(1100), valid_until=days_ago(2)
    )
    registry.set([old])
    run_sync(source=registry.url)
    product = product_of("BN-2025-00001")
    put_on_sale(product, price=99000)
    assert check_product(product=product).code == "certificate_expired"

    renewal = feed_record(
        1,
        certificate_no="BN-2026-00001",
        valid_from=days_ago(1),
        decision_date=days_ago(1),
        product_name="Vải thiều sấy khô (mới)",
    )
    registry.set([old, renewal])
    run = run_sync(source=registry.url, full=True)

    assert run.outcome == SyncRun.Outcome.APPLIED, run.error
    assert run.counts["renewed"] == 1 and run.counts["created"] == 0
    assert run.counts["relisted"] == 1
    new = Certificate.objects.get(certificate_no="BN-2026-00001")
    assert new.product_id == product.pk
    assert list(new.events.values_list("kind", flat=True)) == ["renewed"]
    assert Product.objects.count() == 1
    product.refresh_from_db()
    assert product.title == "Vải thiều sấy khô (mới)"
    assert product.attr.ocop_certificate_no == "BN-2026-00001"
    assert product.stockrecords.get().price == Decimal(99000)
    assert check_product(product=product).sellable


def test_bad_records_are_quarantined_and_the_rest_applied(registry, make_records):
    bad = [
        feed_record(11, product_group="cosmetics"),
        feed_record(12, stars=2),
        feed_record(13, valid_until="31/12/2027"),
        {k: v for k, v in feed_record(14).items() if k != "product_code"},
        feed_record(15, score="tám mươi"),
        feed_record(16, valid_from=days_ago(10), valid_until=days_ago(20)),
        feed_record(17),
        feed_record(17, stars=5),  # the same certificate twice, different data
    ]
    registry.set([*make_records(2), *bad])
    run = run_sync(source=registry.url)

    assert run.outcome == SyncRun.Outcome.APPLIED
    assert run.counts["created"] == 2
    assert run.counts["quarantined"] == 8
    reasons = dict(run.quarantined.values_list("certificate_no", "reason"))
    assert "nhóm sản phẩm" in reasons["BN-2025-00011"]
    assert "số sao" in reasons["BN-2025-00012"]
    assert "ngày không đọc được" in reasons["BN-2025-00013"]
    assert "product_code" in reasons["BN-2025-00014"]
    assert "số nguyên" in reasons["BN-2025-00015"]
    assert "trước ngày" in reasons["BN-2025-00016"]
    assert "xuất hiện 2 lần" in reasons["BN-2025-00017"]
    assert QuarantinedRecord.objects.filter(run=run).count() == 8
    assert not Certificate.objects.filter(certificate_no__in=reasons).exists()


def _five_on_sale(registry, make_records):
    registry.set(make_records(5))
    run_sync(source=registry.url)
    for product in Product.objects.all():
        put_on_sale(product)
    assert sellable_products().count() == 5


def test_mass_delisting_aborts_unless_forced(registry, make_records, settings):
    settings.REGISTRY_MAX_DELIST_SHARE = 0.2
    _five_on_sale(registry, make_records)
    revoked = {"status": "revoked", "status_changed_on": days_ago(1), "status_reason": "Vi phạm"}
    registry.set([*make_records(3), *make_records(2, start=4, **revoked)])

    run = run_sync(source=registry.url, full=True)

    assert run.outcome == SyncRun.Outcome.ABORTED
    assert "2/5" in run.error and "--force" in run.error
    assert run.counts["delisted"] == 2
    assert sellable_products().count() == 5
    assert not Certificate.objects.filter(status="revoked").exists()
    assert not CertificateEvent.objects.filter(kind="revoked").exists()

    forced = run_sync(source=registry.url, full=True, force=True)
    assert forced.outcome == SyncRun.Outcome.APPLIED
    assert forced.forced is True
    assert forced.counts["revoked"] == 2 and forced.counts["delisted"] == 2
    assert sellable_products().count() == 3
    event = CertificateEvent.objects.get(
        kind="revoked", certificate__certificate_no="BN-2025-00004"
    )
    assert event.reason == "Vi phạm"


def test_one_suspension_in_five_is_below_the_threshold(registry, make_records):
    _five_on_sale(registry, make_records)
    suspended = feed_record(5, status="suspended", status_changed_on=days_ago(1))
    registry.set([*make_records(4), suspended])
    sent = []

    def listener(sender, **kwargs):
        sent.append(kwargs)

    registry_synced.connect(listener)
    try:
        run = run_sync(source=registry.url, full=True)
    finally:
        registry_synced.disconnect(listener)
    assert run.outcome == SyncRun.Outcome.APPLIED
    assert run.counts["suspended"] == 1 and run.counts["delisted"] == 1
    product = product_of("BN-2025-00005")
    assert sent[0]["delisted_ids"] == {product.pk}
    assert sent[0]["relisted_ids"] == set()
    assert product.pk in sent[0]["product_ids"]
    assert check_product(product=product).code == "certificate_suspended"

    registry.set(make_records(5))
    again = run_sync(source=registry.url, full=True)
    assert again.counts["relisted"] == 1
    events = Certificate.objects.get(certificate_no="BN-2025-00005").events.order_by("pk")
    assert [(e.kind, e.on) for e in events] == [
        ("recorded", timezone.localdate()),
        ("suspended", timezone.localdate() - timedelta(days=1)),  # the registry's date
        ("reinstated", timezone.localdate()),
    ]


@pytest.mark.parametrize("trouble", ["truncated", "error_midway"])
def test_a_broken_feed_changes_nothing(registry, make_records, trouble):
    registry.set(make_records(120))
    if trouble == "truncated":
        registry.count_extra = 1
    else:
        registry.fail_page = 2
    run = run_sync(source=registry.url)
    assert run.outcome == SyncRun.Outcome.ABORTED
    assert run.error
    assert not Certificate.objects.exists()
    assert not Product.objects.exists()


def test_dry_run_writes_no_certificates(registry, make_records):
    registry.set(make_records(3))
    run = run_sync(source=registry.url, dry_run=True)
    assert run.outcome == SyncRun.Outcome.DRY_RUN
    assert run.counts["created"] == 3
    assert not Certificate.objects.exists()
    assert not Product.objects.exists()
    assert not Partner.objects.exists()
    # A dry run is not "the last applied run": the next run is still a full one.
    assert run_sync(source=registry.url).mode == SyncRun.Mode.FULL


def test_expiry_since_the_last_run_is_recorded_once(registry, make_records):
    registry.set([feed_record(1, valid_until=days_ago(1)), *make_records(1, start=2)])
    first = run_sync(source=registry.url)
    assert first.counts["expired"] == 0  # already expired when first seen
    SyncRun.objects.filter(pk=first.pk).update(started_at=timezone.now() - timedelta(days=3))

    second = run_sync(source=registry.url, full=True)
    assert second.counts["expired"] == 1
    event = CertificateEvent.objects.get(kind="expired")
    assert event.certificate.certificate_no == "BN-2025-00001"
    assert event.on == timezone.localdate()

    third = run_sync(source=registry.url, full=True)
    assert third.counts["expired"] == 0


def test_signal_names_the_changed_products(registry, make_records):
    registry.set(make_records(2))
    received = []

    def listener(sender, run, product_ids, **kwargs):
        received.append((sender, run.pk, set(product_ids)))

    registry_synced.connect(listener)
    try:
        run = run_sync(source=registry.url)
        run_sync(source=registry.url, dry_run=True, full=True)
    finally:
        registry_synced.disconnect(listener)
    assert received == [(SyncRun, run.pk, set(Product.objects.values_list("pk", flat=True)))]


def test_command_prints_a_summary_and_json_last(registry, make_records):
    registry.set(make_records(2))
    out = StringIO()
    call_command("sync_registry", "--url", registry.url, "--json", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert "mới (created): 2" in out.getvalue()
    summary = json.loads(lines[-1])
    assert summary["outcome"] == "applied"
    assert summary["created"] == 2 and summary["quarantined"] == 0
    for key in (
        "updated",
        "unchanged",
        "renewed",
        "expired",
        "revoked",
        "suspended",
        "delisted",
        "relisted",
    ):
        assert summary[key] == 0


def test_command_exits_non_zero_when_aborted(registry, make_records):
    registry.set(make_records(2))
    registry.count_extra = 3
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "sync_registry", "--url", registry.url, "--json", stdout=out, stderr=StringIO()
        )
    assert error.value.returncode != 0
    assert json.loads(out.getvalue().strip().splitlines()[-1])["outcome"] == "aborted"


def test_command_without_a_source_says_so(settings):
    settings.REGISTRY_URL = ""
    with pytest.raises(CommandError, match="REGISTRY_URL"):
        call_command("sync_registry", stdout=StringIO())


def test_command_imports_a_spreadsheet(tmp_path):
    from openpyxl import Workbook

    from .test_client import HEADERS, ROWS

    workbook = Workbook()
    workbook.active.append(HEADERS)
    for row in ROWS[:2]:
        workbook.active.append(row)
    path = tmp_path / "ocop.xlsx"
    workbook.save(path)
    out = StringIO()
    call_command("sync_registry", "--file", str(path), "--json", stdout=out)
    summary = json.loads(out.getvalue().strip().splitlines()[-1])
    assert summary["created"] == 2
    wine = Certificate.objects.get(certificate_no="BG-2024-0002")
    assert wine.status == "suspended"
    assert wine.product.get_categories().get().name == "Đồ uống"
    assert wine.producer.legal_form == "household"


def test_a_second_run_while_one_holds_the_lock_aborts(registry, make_records):
    if connection.vendor != "sqlite":
        pytest.skip("advisory locks are re-entrant within one session; see the postgres test")
    registry.set(make_records(1))
    with sync_lock():
        run = run_sync(source=registry.url)
    assert run.outcome == SyncRun.Outcome.ABORTED
    assert "another sync is running" in run.error
    assert not Certificate.objects.exists()
    assert run_sync(source=registry.url).outcome == SyncRun.Outcome.APPLIED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_on_postgresql_only_one_applies(registry, make_records):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    from django.db import connections

    registry.set(make_records(20))
    registry.delay = 0.3  # keep the first run inside its lock while the second starts
    results = []

    def worker():
        try:
            results.append(run_sync(source=registry.url))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    outcomes = sorted(run.outcome for run in results)
    assert outcomes == ["aborted", "applied"]
    aborted = next(run for run in results if run.outcome == "aborted")
    assert "another sync is running" in aborted.error
    assert Certificate.objects.count() == 20
    assert CertificateEvent.objects.filter(kind="recorded").count() == 20

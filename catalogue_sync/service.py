"""Run one registry sync end to end: lock, fetch, parse, apply, record the SyncRun.

``run_sync`` is what the management command and a dashboard button (in a background task)
call. It never raises for an expected failure: the returned SyncRun says what happened.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import threading
import urllib.parse
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from shop.ocop.rules import today
from shop.signals import catalogue_changed

from . import apply as applier
from .client import ConfigurationError, Feed, RegistryClient, RegistryError, load_file
from .models import QuarantinedRecord, SyncRun
from .records import Rejected, dedupe, parse_record
from .signals import registry_synced

logger = logging.getLogger(__name__)

# pg_try_advisory_lock key: a stable 63-bit number derived from the app's name.
LOCK_KEY = int.from_bytes(hashlib.sha256(b"catalogue_sync.run").digest()[:8], "big") >> 1
BUSY_MESSAGE = "Một lần đồng bộ khác đang chạy (another sync is running); thử lại sau."


class SyncBusy(Exception):
    pass


_process_lock = threading.Lock()


@contextlib.contextmanager
def sync_lock() -> Iterator[None]:
    """One sync at a time per database, across processes. Never waits: raises SyncBusy.

    PostgreSQL: a session advisory lock. SQLite: an exclusive flock on a file beside the
    database file (released by the kernel if the process dies). Otherwise: a process lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
            if not cursor.fetchone()[0]:
                raise SyncBusy(BUSY_MESSAGE)
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if (
        connection.vendor == "sqlite"
        and name
        and ":memory:" not in name
        and "mode=memory" not in name
    ):
        path = Path(name).with_name(Path(name).name + ".sync-lock")
        with open(path, "a+b") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise SyncBusy(BUSY_MESSAGE) from exc
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    if not _process_lock.acquire(blocking=False):
        raise SyncBusy(BUSY_MESSAGE)
    try:
        yield
    finally:
        _process_lock.release()


def is_url(source: str) -> bool:
    return urllib.parse.urlsplit(source).scheme in ("http", "https")


def make_client(url: str) -> RegistryClient:
    return RegistryClient(
        url,
        token=settings.REGISTRY_TOKEN,
        timeout=getattr(settings, "REGISTRY_TIMEOUT", 30.0),
        retries=getattr(settings, "REGISTRY_RETRIES", 5),
        backoff=getattr(settings, "REGISTRY_BACKOFF", 1.0),
        page_size=getattr(settings, "REGISTRY_PAGE_SIZE", 500),
    )


def last_applied_run() -> SyncRun | None:
    return SyncRun.objects.filter(outcome=SyncRun.Outcome.APPLIED).order_by("-started_at").first()


def run_sync(
    *,
    source: str | None = None,
    full: bool = False,
    dry_run: bool = False,
    force: bool = False,
    user: Any = None,
) -> SyncRun:
    """One sync from ``source`` (a registry URL or a .json/.xlsx/.csv path; default
    settings.REGISTRY_URL). Incremental from the last applied run unless ``full``."""
    source = source if source is not None else settings.REGISTRY_URL
    run = SyncRun.objects.create(
        source=(source or "")[:1000],
        dry_run=dry_run,
        forced=force,
        triggered_by=user if getattr(user, "pk", None) else None,
    )
    rejected: list[Rejected] = []
    try:
        with sync_lock():
            feed = _read(run, source=source, full=full)
            run.counts["records"] = feed.received
            parsed = [parse_record(raw, registry=meta) for raw, meta in feed.items()]
            records, rejected = dedupe(parsed)
            result = applier.apply_records(
                records,
                run_id=run.pk,
                on=today(),
                now=timezone.now(),
                previous_run_day=_previous_day(),
                force=force,
                dry_run=dry_run,
            )
    except SyncBusy as exc:
        return _finish(run, SyncRun.Outcome.ABORTED, error=str(exc))
    except (RegistryError, applier.ApplyAborted) as exc:
        run.counts.update(getattr(exc, "counts", {}))
        _quarantine(run, rejected)
        return _finish(run, SyncRun.Outcome.ABORTED, error=str(exc))
    except Exception as exc:
        logger.exception("Registry sync #%s failed", run.pk)
        _quarantine(run, rejected)
        return _finish(run, SyncRun.Outcome.FAILED, error=f"{type(exc).__name__}: {exc}")

    _quarantine(run, rejected)
    run.counts.update(result.counts)
    run.counts["quarantined"] = len(rejected)
    outcome = SyncRun.Outcome.DRY_RUN if dry_run else SyncRun.Outcome.APPLIED
    _finish(run, outcome)
    if outcome == SyncRun.Outcome.APPLIED:
        registry_synced.send(
            sender=SyncRun,
            run=run,
            product_ids=result.product_ids,
            delisted_ids=result.delisted_ids,
            relisted_ids=result.relisted_ids,
        )
        # Search documents and cached product pages follow (shop's own signal).
        catalogue_changed.send(sender=SyncRun, product_ids=result.product_ids)
    return run


def _previous_day():
    previous = last_applied_run()
    return timezone.localdate(previous.started_at) if previous else None


def _read(run: SyncRun, *, source: str | None, full: bool) -> Feed:
    if not source:
        raise ConfigurationError(
            "Không có nguồn dữ liệu: đặt REGISTRY_URL hoặc dùng --url / --file."
        )
    if not is_url(source):
        run.mode = SyncRun.Mode.FULL
        run.save(update_fields=["mode"])
        return load_file(source)
    previous = None if full else last_applied_run()
    since: datetime | None = previous.started_at if previous else None
    run.mode = SyncRun.Mode.INCREMENTAL if since else SyncRun.Mode.FULL
    run.updated_since = since
    run.save(update_fields=["mode", "updated_since"])
    return make_client(source).fetch(updated_since=since)


def _quarantine(run: SyncRun, rejected: list[Rejected]) -> None:
    run.counts["quarantined"] = len(rejected)
    QuarantinedRecord.objects.bulk_create(
        [
            QuarantinedRecord(
                run=run, certificate_no=r.certificate_no[:255], reason=r.reason, record=r.record
            )
            for r in rejected
        ],
        batch_size=1000,
    )


def _finish(run: SyncRun, outcome: str, *, error: str = "") -> SyncRun:
    for key in applier.COUNT_KEYS:
        run.counts.setdefault(key, 0)
    run.outcome = outcome
    run.error = error
    run.finished_at = timezone.now()
    run.save(update_fields=["outcome", "error", "finished_at", "counts"])
    return run

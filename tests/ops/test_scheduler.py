"""The scheduler: one schedule file, each due slot enqueued exactly once, Vietnam's clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.utils.module_loading import import_string
from django_tasks.base import Task

from config.schedule import JOBS
from ops import scheduler
from ops.models import ScheduledRun
from ops.tasks import HEARTBEAT_KEY
from tests.services import run_worker

pytestmark = pytest.mark.django_db


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_every_job_names_a_real_task_and_the_periodic_work_is_all_there():
    names = {job.name for job in scheduler.jobs()}  # also validates every entry
    assert len(names) == len(JOBS)
    for spec in JOBS:
        assert isinstance(import_string(spec["task"]), Task), spec["task"]
    tasks = {spec["task"] for spec in JOBS}
    assert {
        "catalogue_sync.tasks.sync_registry",
        "shop.ocop.tasks.send_expiry_notices",
        "shop.checkout.tasks.release_abandoned_payments",
        "shop.payments.tasks.complete_pending_refunds",
        "search.tasks.refresh_sellable_today",
        "ops.tasks.backup_database",
    } <= tasks


def test_daily_slots_are_vietnam_time_on_a_utc_server():
    sync = scheduler.Job(name="s", task="ops.tasks.heartbeat", at="02:30", catch_up_hours=6)
    # 19:40 UTC on 6 December is 02:40 on 7 December in Hà Nội: the run at 02:30 ICT is due.
    assert sync.last_slot(utc(2026, 12, 6, 19, 40)) == utc(2026, 12, 6, 19, 30)
    # 19:20 UTC is 02:20 ICT: the last slot is the day before's.
    assert sync.last_slot(utc(2026, 12, 6, 19, 20)) == utc(2026, 12, 5, 19, 30)
    midnight = scheduler.Job(name="m", task="ops.tasks.heartbeat", at="00:00")
    assert midnight.last_slot(utc(2026, 12, 6, 17, 0, 5)) == utc(2026, 12, 6, 17, 0)


def test_interval_slots_align_and_are_not_replayed_after_downtime():
    job = scheduler.Job(name="i", task="ops.tasks.heartbeat", every_minutes=5)
    now = utc(2026, 12, 6, 10, 7, 30)
    assert job.last_slot(now) == utc(2026, 12, 6, 10, 5)
    assert job.is_due(utc(2026, 12, 6, 10, 5), utc(2026, 12, 6, 10, 5, 40))
    assert not job.is_due(utc(2026, 12, 6, 10, 5), now)  # 2.5 minutes late: skipped


@pytest.mark.parametrize(
    "spec",
    [
        {"at": "25:00"},
        {"at": "02:30", "every_minutes": 5},
        {},
        {"every_minutes": 0},
    ],
)
def test_bad_schedule_entries_are_refused(spec):
    with pytest.raises(ValueError):
        scheduler.Job(name="bad", task="ops.tasks.heartbeat", **spec)


def test_a_slot_is_enqueued_once_however_often_schedulers_tick(queued_tasks):
    from django_tasks_db.models import DBTaskResult

    now = utc(2026, 12, 6, 10, 0, 20)
    first = scheduler.tick(now, only={"worker-heartbeat"})
    again = scheduler.tick(now, only={"worker-heartbeat"})  # a second scheduler, same minute
    assert [run.job for run in first] == ["worker-heartbeat"]
    assert again == []
    assert DBTaskResult.objects.filter(task_path="ops.tasks.heartbeat").count() == 1
    assert ScheduledRun.objects.get().task_id == str(DBTaskResult.objects.get().id)
    # Nothing ran yet: the worker does it.
    cache.delete(HEARTBEAT_KEY)
    assert run_worker() == 1
    assert cache.get(HEARTBEAT_KEY) is not None
    # The next minute is a new slot.
    assert len(scheduler.tick(utc(2026, 12, 6, 10, 1, 5), only={"worker-heartbeat"})) == 1


def test_a_missed_nightly_job_catches_up_within_its_window(queued_tasks):
    # The scheduler was down at 02:30 ICT (19:30 UTC); it comes back at 05:00 ICT.
    runs = scheduler.tick(utc(2026, 12, 6, 22, 0), only={"registry-sync"})
    assert [r.slot for r in runs] == [utc(2026, 12, 6, 19, 30)]
    # Back only at 09:00 ICT: more than 6 hours late, the run waits for tomorrow night.
    ScheduledRun.objects.all().delete()
    assert scheduler.tick(utc(2026, 12, 7, 2, 0), only={"registry-sync"}) == []


def test_a_job_that_cannot_be_enqueued_is_recorded_and_the_others_still_run(
    queued_tasks, monkeypatch
):
    from config import schedule

    monkeypatch.setattr(
        schedule,
        "JOBS",
        [
            {"name": "broken", "task": "ops.tasks.does_not_exist", "every_minutes": 1},
            {"name": "worker-heartbeat", "task": "ops.tasks.heartbeat", "every_minutes": 1},
        ],
    )
    runs = scheduler.tick(utc(2026, 12, 6, 10, 0, 1))
    by_job = {run.job: run for run in runs}
    assert "does_not_exist" in by_job["broken"].error
    assert by_job["worker-heartbeat"].task_id and not by_job["worker-heartbeat"].error


def test_with_inline_tasks_the_scheduler_runs_them_at_once():
    cache.delete(HEARTBEAT_KEY)
    scheduler.tick(utc(2026, 12, 6, 10, 0, 1), only={"worker-heartbeat"})
    assert cache.get(HEARTBEAT_KEY) is not None


def test_list_prints_the_schedule(capsys):
    from django.core.management import call_command

    call_command("run_scheduler", list=True)
    out = capsys.readouterr().out
    assert "registry-sync" in out and "02:30 ICT" in out
    assert "every 5 min" in out

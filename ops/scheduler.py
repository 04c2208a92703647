"""The periodic-job scheduler: enqueue each job of config/schedule.py when it is due.

Each due run is a slot (a moment in UTC). The scheduler claims a slot by inserting a
:class:`~ops.models.ScheduledRun` row; the unique (job, slot) constraint makes the claim
atomic, so two schedulers (a rolling deploy) or one restarted within the minute never
enqueue the same run twice. The task itself runs in the worker.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledRun

logger = logging.getLogger("ops.scheduler")
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Job:
    name: str
    task: str
    at: str | None = None  # "HH:MM", Vietnam time
    every_minutes: int | None = None
    catch_up_hours: int = 0
    kwargs: dict | None = None
    doc: str = ""

    def __post_init__(self):
        if (self.at is None) == (self.every_minutes is None):
            raise ValueError(f"job {self.name!r}: give exactly one of 'at' and 'every_minutes'")
        if self.at is not None:
            hour, minute = (int(part) for part in self.at.split(":"))
            if not (0 <= hour < 24 and 0 <= minute < 60):
                raise ValueError(f"job {self.name!r}: bad time {self.at!r}")
        elif not 0 < self.every_minutes <= 24 * 60:
            raise ValueError(f"job {self.name!r}: every_minutes must be 1..1440")

    def last_slot(self, now: datetime) -> datetime:
        """The latest moment at or before ``now`` when this job was due (aware, UTC)."""
        if self.every_minutes is not None:
            step = self.every_minutes * 60
            return datetime.fromtimestamp(int(now.timestamp()) // step * step, tz=UTC)
        hour, minute = (int(part) for part in self.at.split(":"))
        local = now.astimezone(VIETNAM)
        slot = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if slot > local:
            slot -= timedelta(days=1)
        return slot.astimezone(UTC)

    def is_due(self, slot: datetime, now: datetime) -> bool:
        """A slot is run if it is not older than the job allows (a minute for interval
        jobs: a scheduler that was down does not replay them)."""
        grace = timedelta(hours=self.catch_up_hours) if self.at else timedelta(minutes=1)
        return now - slot <= max(grace, timedelta(minutes=1))


def jobs() -> list[Job]:
    from config.schedule import JOBS

    return [Job(**spec) for spec in JOBS]


def tick(now: datetime | None = None, *, only: set[str] | None = None) -> list[ScheduledRun]:
    """One pass: claim and enqueue every job whose current slot is due and unclaimed.
    Returns the runs this call enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in jobs():
        if only and job.name not in only:
            continue
        slot = job.last_slot(now)
        if (
            not job.is_due(slot, now)
            or ScheduledRun.objects.filter(job=job.name, slot=slot).exists()
        ):
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, slot=slot)
        except IntegrityError:
            continue  # another scheduler claimed it a moment ago
        try:
            result = import_string(job.task).enqueue(**(job.kwargs or {}))
            run.task_id = str(result.id)
        except Exception as exc:  # a broken job must not stop the others
            logger.exception("Scheduled job %s could not be enqueued", job.name)
            run.error = f"{type(exc).__name__}: {exc}"
        run.save(update_fields=["task_id", "error"])
        logger.info(
            "Scheduled job enqueued",
            extra={"job": job.name, "slot": slot.isoformat(), "task_id": run.task_id},
        )
        enqueued.append(run)
    return enqueued


def run_forever(*, interval: float = 10.0, stop=None) -> None:
    """Tick every ``interval`` seconds until ``stop()`` says so (SIGTERM in the command)."""
    while not (stop and stop()):
        try:
            tick()
        except Exception:  # the database restarting: log, wait, go on
            logger.exception("Scheduler tick failed")
            from django.db import close_old_connections

            close_old_connections()
        time.sleep(interval)

"""Operations tasks, run by the worker on the schedule of config/schedule.py."""

from __future__ import annotations

import time
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

HEARTBEAT_KEY = "ops:worker:heartbeat"


@task()
def heartbeat() -> float:
    """Written by the worker every minute; /healthz reads how old it is."""
    now = time.time()
    cache.set(HEARTBEAT_KEY, now, 60 * 60)
    return now


@task()
def backup_database() -> str:
    from .backup import backup_database as backup

    return str(backup())


@task()
def prune_task_results(days: int = 14) -> int:
    """Finished task rows older than ``days``: deleted (the queue table stays small)."""
    from django.conf import settings

    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return 0
    from django_tasks_db.models import DBTaskResult

    from .models import ScheduledRun

    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    ScheduledRun.objects.filter(slot__lt=cutoff).delete()
    return deleted

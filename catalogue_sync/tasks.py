"""Background tasks (django-tasks). With the ImmediateBackend they run inline."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from .service import run_sync


@task()
def sync_registry(*, full: bool = False, dry_run: bool = False, user_id: int | None = None) -> int:
    """One registry sync from settings.REGISTRY_URL; returns the SyncRun id.

    Arguments are JSON values (a queued backend stores them): the user travels as an id.
    ``run_sync`` never raises for an expected failure; the SyncRun row says what happened.
    """
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    run = run_sync(full=full, dry_run=dry_run, user=user)
    return run.pk

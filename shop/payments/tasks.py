"""Payments' periodic work (config/schedule.py), run by the task worker."""

from django_tasks import task


@task()
def complete_pending_refunds() -> int:
    """Card refunds whose write after Stripe's answer failed: completed (idempotent)."""
    from .refunds import complete_pending_refunds as complete

    return complete()

"""Checkout's periodic work (config/schedule.py), run by the task worker."""

from django_tasks import task


@task()
def release_abandoned_payments(older_than_minutes: int = 30) -> int:
    """Card payments left unpaid for ``older_than_minutes``: cancelled, stock given back."""
    from shop.payments.stripe_gateway import release_abandoned

    return release_abandoned(older_than_minutes=older_than_minutes)

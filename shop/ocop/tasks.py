"""Certificates' periodic work (config/schedule.py), run by the task worker."""

from django_tasks import task


@task()
def send_expiry_notices(on: str | None = None) -> int:
    """Remind producers 60 and 14 days before a certificate ends (``on``: an ISO date,
    default today in Vietnam). A notice already sent is never sent again."""
    from datetime import date

    from .notifications import send_expiry_notices as send
    from .rules import today

    return send(on=date.fromisoformat(on) if on else today())

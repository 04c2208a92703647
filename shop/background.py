"""Work a shopper's (or producer's) request must not wait for, handed to the task backend.

E-mails are rendered in the request (templates, the order as it is now) and delivered by
a task: with the default ImmediateBackend inline, as before; with TASK_BACKEND=database by
the worker, so a slow or failing mail server never slows or fails a checkout. A task that
fails is kept by the backend with its traceback (the worker logs it); the request that
queued it has already answered.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task

logger = logging.getLogger("shop.background")


@task()
def deliver_mail(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str | None = None,
    from_email: str | None = None,
) -> int:
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email or settings.DEFAULT_FROM_EMAIL, to=to
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()


def send_mail_later(
    *,
    subject: str,
    message: str,
    recipient_list: list[str],
    from_email: str | None = None,
    html_message: str | None = None,
) -> None:
    """`django.core.mail.send_mail`'s arguments; the sending happens in a task. Inside a
    transaction the task row commits (or rolls back) with it: no e-mail about an order
    that was never saved."""
    to = [address for address in recipient_list if address]
    if not to:
        return
    try:
        deliver_mail.enqueue(
            subject=str(subject),
            body=message,
            to=to,
            html=html_message,
            from_email=from_email,
        )
    except Exception:  # the queue itself failing must not fail the shopper's request
        logger.exception("E-mail %r to %s could not be queued", subject, to)

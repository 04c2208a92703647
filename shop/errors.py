"""The 400 page: what a person sees when what they sent cannot be read. A form sent with
more than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` of text (a 10 MB review, say) is refused by Django
before any view runs (``RequestDataTooBig``, also in the CSRF check): the page says so in
words, rather than a bare "Bad Request (400)"."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.shortcuts import render


def bad_request(request, exception=None):
    too_big = isinstance(exception, RequestDataTooBig | TooManyFieldsSent)
    limit_mb = (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) / (1024 * 1024)
    return render(
        request,
        "400.html",
        {"too_big": too_big, "limit_mb": f"{limit_mb:.1f}".replace(".", ",")},
        status=413 if too_big else 400,
    )

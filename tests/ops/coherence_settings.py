"""The production settings, as the coherence tests serve them with gunicorn.

Two changes only: static files are not collected (the manifest storage would need
`collectstatic` first; page HTML is what these tests read), and each response says which
worker process answered, so a test can prove that EVERY worker is right."""

import os

from config.settings.production import *  # noqa: F403
from config.settings.production import MIDDLEWARE

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def worker_pid(get_response):
    def middleware(request):
        response = get_response(request)
        response["X-Worker-Pid"] = str(os.getpid())
        return response

    return middleware


MIDDLEWARE = ["tests.ops.coherence_settings.worker_pid", *MIDDLEWARE]

"""GET /healthz: is this web process able to serve? For load balancers and monitoring.

200 when the database and the cache answer, 503 otherwise. The worker is reported, not
required: a stopped worker delays e-mails and syncs but must not take the web servers out
of rotation; "status" then says "degraded" so monitoring can alert. No secrets, no
versions, no hostnames: only what answered and how old the worker's heartbeat is.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .tasks import HEARTBEAT_KEY

# The heartbeat job runs every minute: three missed beats and the worker is stale.
HEARTBEAT_STALE_SECONDS = 180


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return "error"
    return "ok"


def _cache() -> str:
    try:
        probe = f"ops:health:{time.monotonic_ns()}"
        cache.set(probe, 1, 10)
        ok = cache.get(probe) == 1
        cache.delete(probe)
    except Exception:
        return "error"
    return "ok" if ok else "error"


def _worker() -> dict:
    if "immediate" in settings.TASKS["default"]["BACKEND"].lower():
        return {"status": "inline"}  # tasks run in the request: there is no worker
    try:
        beat = cache.get(HEARTBEAT_KEY)
    except Exception:
        beat = None
    if beat is None:
        return {"status": "missing"}
    age = max(0, int(time.time() - float(beat)))
    return {"status": "ok" if age <= HEARTBEAT_STALE_SECONDS else "stale", "age_seconds": age}


@never_cache
def healthz(request):
    checks = {"database": _database(), "cache": _cache(), "worker": _worker()}
    serving = checks["database"] == "ok" and checks["cache"] == "ok"
    worker_ok = checks["worker"]["status"] in ("ok", "inline")
    status = "ok" if serving and worker_ok else ("degraded" if serving else "error")
    return JsonResponse({"status": status, **checks}, status=200 if serving else 503)

"""gunicorn settings, all from the environment (README "Production").

    gunicorn -c config/gunicorn.conf.py config.wsgi

WEB_CONCURRENCY   worker processes (default: 2 per core, at most 8)
GUNICORN_THREADS  threads per worker (default 1: the sync worker; >1 uses gthread)
GUNICORN_TIMEOUT  seconds before a stuck worker is restarted (default 30)
PORT / BIND       where to listen (default 127.0.0.1:8000)
FORWARDED_ALLOW_IPS  proxies whose X-Forwarded-* headers are believed (default 127.0.0.1)
"""

import multiprocessing
import os
import sys


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        return int(raw) if raw else default
    except ValueError:
        sys.exit(f"gunicorn: {name}={raw!r} is not a whole number")


workers = _int("WEB_CONCURRENCY", min(8, 2 * multiprocessing.cpu_count()))
# Django's settings read the same variable (production.py refuses >1 without REDIS_URL).
os.environ["WEB_CONCURRENCY"] = str(workers)
if workers > 1 and not os.environ.get("REDIS_URL"):
    sys.exit(
        f"gunicorn: {workers} workers need REDIS_URL: each worker would keep its own cache "
        "and serve pages that another worker's change made stale. Set REDIS_URL, or "
        "WEB_CONCURRENCY=1."
    )
threads = _int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
bind = os.environ.get("BIND") or f"{os.environ.get('HOST', '127.0.0.1')}:{_int('PORT', 8000)}"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# A worker is replaced after this many requests (a slow leak never grows forever). Not
# sooner: a new worker costs about 1.5 s of CPU to import the shop and its first requests
# compile templates, which at 2,000 requests was most of a millisecond a request at peak
# (a worker replaced every few seconds under load).
max_requests = _int("GUNICORN_MAX_REQUESTS", 50000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 5000)
# Each worker loads the app itself (no preload): nothing opened at import time -- a
# database or Redis connection -- is ever shared between forked workers.
preload_app = os.environ.get("GUNICORN_PRELOAD", "0") == "1"
# GUNICORN_ACCESSLOG: a file, "-" (stdout, the default) or "off".
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
accesslog = None if accesslog in ("", "off") else accesslog
errorlog = "-"
# JSON access lines, like the app's own logs (ops/logs.py); no query strings, no cookies.
access_log_format = (
    '{"time":"%(t)s","logger":"gunicorn.access","method":"%(m)s","path":"%(U)s",'
    '"status":%(s)s,"bytes":"%(B)s","duration_ms":%(M)s}'
)
proc_name = "cho-ocop"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

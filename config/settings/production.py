"""Production: everything from the environment, secure cookies and HSTS, JSON logs, CSP.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL. With more than one process (gunicorn
workers, a task worker) REDIS_URL is required too: see README "Production".
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOGGING, MIDDLEWARE, REDIS_URL, TASK_BACKEND, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Several processes must share the cache: the versions in it are what invalidates cached
# pages everywhere when a certificate, a price or the stock changes. Without Redis each
# process would keep serving its own stale copies, so refuse to run that way.
WEB_CONCURRENCY = env.int("WEB_CONCURRENCY", default=1)
if not REDIS_URL and (WEB_CONCURRENCY > 1 or TASK_BACKEND != "immediate"):
    raise ImproperlyConfigured(
        f"REDIS_URL is required with WEB_CONCURRENCY={WEB_CONCURRENCY} and "
        f"TASK_BACKEND={TASK_BACKEND}: without a shared cache, other processes would keep "
        "serving pages that a certificate or stock change made stale."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The load balancer asks over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Persistent connections: each gunicorn worker keeps its own for 60 s instead of one per
# request; health-checked so a restarted PostgreSQL costs one failed query, not a 500.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))  # noqa: F405
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)  # noqa: F405

# One JSON object per log line (ops/logs.py); LOG_FORMAT=text for a terminal.
if env("LOG_FORMAT", default="json") == "json":
    LOGGING = {
        **LOGGING,
        "formatters": {"json": {"()": "ops.logs.JsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    }

if "csp.middleware.CSPMiddleware" not in MIDDLEWARE:
    raise ImproperlyConfigured("The Content-Security-Policy middleware must be installed")

"""/healthz: what a load balancer and monitoring read; no secrets in it."""

import time

import pytest
from django.core.cache import cache

from ops.tasks import HEARTBEAT_KEY

pytestmark = pytest.mark.django_db


def test_healthy_with_inline_tasks(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body == {"status": "ok", "database": "ok", "cache": "ok", "worker": {"status": "inline"}}
    text = response.content.decode()
    for secret in (settings.SECRET_KEY, "postgres", "sqlite", "DATABASE"):
        assert secret not in text


def test_a_queued_backend_reports_the_workers_heartbeat(client, queued_tasks):
    cache.delete(HEARTBEAT_KEY)
    body = client.get("/healthz").json()
    assert body["status"] == "degraded" and body["worker"] == {"status": "missing"}
    cache.set(HEARTBEAT_KEY, time.time() - 20, 600)
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["worker"]["status"] == "ok" and 19 <= body["worker"]["age_seconds"] <= 60
    cache.set(HEARTBEAT_KEY, time.time() - 600, 600)
    response = client.get("/healthz")
    # A stopped worker is reported but keeps the web server in rotation.
    assert response.status_code == 200
    assert response.json()["worker"]["status"] == "stale"


def test_a_cache_that_does_not_answer_takes_the_process_out_of_rotation(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"
    assert response.json()["database"] == "ok"

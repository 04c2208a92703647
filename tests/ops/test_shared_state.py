"""With REDIS_URL, the state every process must agree on lives in a real Redis: cache
versions (page invalidation), login rate-limit counters, sessions. Without it,
production refuses to run several processes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.urls import reverse

from shop.catalogue import cache as page_cache

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": f"t{os.getpid()}",
        }
    }
    from django.core.cache import cache

    cache.clear()
    yield redis_url
    cache.clear()


def _other_process(code: str, redis_url: str, **env) -> str:
    """Run ``code`` in a separate Python process with the same Redis; its stdout."""
    full_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": f"t{os.getpid()}",
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_version_bumps_are_atomic_across_threads(redis_cache):
    def bump():
        for _ in range(50):
            page_cache.invalidate_catalogue()

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert page_cache.catalogue_version() == 200


def test_a_change_in_this_process_is_seen_by_another(redis_cache):
    page_cache.invalidate_products([42])
    page_cache.invalidate_products([42])
    seen = _other_process(
        "from shop.catalogue import cache as c; print(c.product_version(42))", redis_cache
    )
    assert seen == "2"


def test_login_rate_limit_counts_across_processes(client, redis_cache, django_user_model):
    django_user_model.objects.create_user("lan", "lan@example.vn", "dung-mat-khau-1")
    url = reverse("customer:login")
    for _ in range(5):
        response = client.post(
            url, {"login-username": "lan@example.vn", "login-password": "sai", "login_submit": "1"}
        )
        assert response.status_code == 200
    # Another web process (another gunicorn worker) refuses the next try too.
    blocked = _other_process(
        "from shop.producers.ratelimit import is_blocked;"
        "print(is_blocked(ip='127.0.0.1', email='lan@example.vn'))",
        redis_cache,
    )
    assert blocked == "True"
    response = client.post(
        url, {"login-username": "lan@example.vn", "login-password": "sai", "login_submit": "1"}
    )
    assert response.status_code == 429


def _settings_of(module: str, **env) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "WEB_CONCURRENCY")}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings;"
            "print(settings.SESSION_ENGINE, settings.CACHES['default']['BACKEND'])",
        ],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


PROD = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "cho-ocop.example"}


def test_redis_url_switches_cache_and_sessions(redis_url):
    out = _settings_of("config.settings.production", **PROD, REDIS_URL=redis_url).stdout
    assert out.split() == [
        "django.contrib.sessions.backends.cached_db",
        "django.core.cache.backends.redis.RedisCache",
    ]


def test_production_refuses_several_processes_without_redis():
    one = _settings_of("config.settings.production", **PROD, WEB_CONCURRENCY="1")
    assert one.returncode == 0, one.stderr
    four = _settings_of("config.settings.production", **PROD, WEB_CONCURRENCY="4")
    assert four.returncode != 0 and "REDIS_URL is required" in four.stderr
    queued = _settings_of("config.settings.production", **PROD, TASK_BACKEND="database")
    assert queued.returncode != 0 and "REDIS_URL is required" in queued.stderr


def test_gunicorn_refuses_several_workers_without_redis():
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "config/gunicorn.conf.py",
            "--check-config",
            "config.wsgi",
        ],
        cwd=ROOT,
        env={**env, **PROD, "WEB_CONCURRENCY": "4"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "4 workers need REDIS_URL" in done.stderr + done.stdout

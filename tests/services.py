"""Real servers the tests start on loopback: Redis (Debian's redis-server).

Each pytest process (each xdist worker) starts its own server on a free port, with no
persistence, in a temporary folder, and stops it at the end of the session. Use the
``redis_url`` fixture (tests/conftest.py); ``start_redis`` is for scripts and benchmarks.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_server_binary() -> str | None:
    return shutil.which("redis-server") or (
        "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None
    )


def wait_for_port(port: int, *, timeout: float = 15.0, proc=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing answered on 127.0.0.1:{port} within {timeout} s")


@contextmanager
def start_redis():
    """Start redis-server on a free loopback port; yield its ``redis://`` URL."""
    binary = redis_server_binary()
    if binary is None:
        raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
    folder = Path(tempfile.mkdtemp(prefix="ocop-redis-"))
    port = free_port()
    proc = subprocess.Popen(  # noqa: S603
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
            "--logfile",
            str(folder / "redis.log"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, proc=proc)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(folder, ignore_errors=True)


def run_worker() -> int:
    """The real task worker (`manage.py db_worker --batch`), once through the queue;
    returns how many tasks it finished. The worker closes "old" database connections
    between tasks; inside a test's transaction that would close the test's own, so that
    one step is left out here."""
    from unittest import mock

    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    before = DBTaskResult.objects.finished().count()
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    return DBTaskResult.objects.finished().count() - before

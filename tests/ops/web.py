"""gunicorn on loopback, in the production shape, for the coherence and load tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.services import free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
FAKETIME_LIB = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")


def database_url(settings_dict: dict) -> str:
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


class Web:
    def __init__(self, url: str, log: Path):
        self.url = url
        self.log = log
        self.cookies = httpx.Cookies()

    def visitor(self) -> Web:
        """Another shopper: the same server, an empty cookie jar."""
        return Web(self.url, self.log)

    def get(self, path: str, **kwargs) -> httpx.Response:
        """One request on a new connection (so the kernel may hand it to any worker)."""
        with httpx.Client(base_url=self.url, cookies=self.cookies, timeout=30) as client:
            response = client.get(path, headers={"Connection": "close"}, **kwargs)
            self.cookies.update(client.cookies)
            return response

    def post(self, path: str, data: dict, **kwargs) -> httpx.Response:
        with httpx.Client(base_url=self.url, cookies=self.cookies, timeout=30) as client:
            token = client.cookies.get("csrftoken") or self.cookies.get("csrftoken")
            response = client.post(
                path,
                data={**data, "csrfmiddlewaretoken": token},
                headers={"Connection": "close", "Referer": self.url + path},
                **kwargs,
            )
            self.cookies.update(client.cookies)
            return response

    def from_every_worker(self, path: str, *, workers: int = 2, rounds: int = 20) -> dict:
        """GET ``path`` until each of ``workers`` processes has answered; returns
        {pid: [responses]} (every response, for the caller to check them all). Requests
        go in concurrent bursts: an idle sync worker tends to win every accept, a busy one
        cannot."""
        from concurrent.futures import ThreadPoolExecutor

        seen: dict[str, list[httpx.Response]] = {}
        with ThreadPoolExecutor(max_workers=2 * workers) as pool:
            for _ in range(rounds):
                for response in pool.map(lambda _: self.get(path), range(2 * workers)):
                    pid = response.headers.get("X-Worker-Pid", "?")
                    seen.setdefault(pid, []).append(response)
                if len(seen) >= workers:
                    break
        assert len(seen) >= workers, f"only workers {list(seen)} answered {path}"
        return seen


@contextmanager
def gunicorn(
    *,
    database: str,
    redis_url: str,
    prefix: str,
    tmp: Path,
    workers: int = 2,
    clock_file: Path | None = None,
    extra_env: dict | None = None,
):
    port = free_port()
    log = tmp / f"gunicorn-{port}.log"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO"))},
        "DJANGO_SETTINGS_MODULE": "tests.ops.coherence_settings",
        "SECRET_KEY": "coherence-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database,
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": prefix,
        "WEB_CONCURRENCY": str(workers),
        "BIND": f"127.0.0.1:{port}",
        "LOG_FORMAT": "text",
        "GUNICORN_ACCESSLOG": "off",
        "TASK_BACKEND": "immediate",
        **(extra_env or {}),
    }
    if clock_file is not None:
        # Every web process reads the time from this file (libfaketime), so a test moves
        # the clock of all workers past midnight at once. A frozen clock would look like a
        # hung worker to gunicorn's arbiter: timeouts off.
        env.update(
            LD_PRELOAD=str(FAKETIME_LIB),
            FAKETIME_TIMESTAMP_FILE=str(clock_file),
            FAKETIME_NO_CACHE="1",
            GUNICORN_TIMEOUT="0",
            TZ="Asia/Ho_Chi_Minh",
        )
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "-c",
        "config/gunicorn.conf.py",
        "config.wsgi",
    ]
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603
            command,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_port(port, timeout=60, proc=process)
        web = Web(f"http://127.0.0.1:{port}", log)
        deadline = time.monotonic() + 90
        while True:  # the workers import Django on their own (no preload)
            try:
                if web.get("/healthz").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert process.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.3)
        yield web
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(timeout=10)

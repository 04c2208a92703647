"""A real registry on loopback (http.server in a thread) serving feed v1 pages."""

from __future__ import annotations

import copy
import json
import threading
import time
import urllib.parse
from collections.abc import Callable
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

REGISTRY = {"authority": "UBND tỉnh Bắc Ninh", "province_code": "24"}


def feed_record(n: int, **overrides) -> dict:
    """A valid feed v1 certificate; ``producer`` overrides merge into the producer."""
    decision = timezone.localdate() - timedelta(days=200)
    producer = {
        "producer_code": f"BN-C-{n % 7:04d}",
        "name": f"Hợp tác xã Nông sản Lục Ngạn {n % 7}",
        "legal_form": "cooperative",
        "tax_code": "2400123456",
        "representative": "Nguyễn Văn An",
        "phone": "0204 3888 123",
        "email": None,
        "address": {
            "street": "Thôn Bãi Chợ",
            "commune": "Xã Phượng Sơn",
            "district": "Huyện Lục Ngạn",
            "province": "Tỉnh Bắc Giang",
        },
    }
    given = overrides.pop("producer", {})
    producer = {**producer, **given} if isinstance(given, dict) else given
    record = {
        "certificate_no": f"BN-2025-{n:05d}",
        "product_code": f"BN-P-{n:05d}",
        "product_name": f"Vải thiều Lục Ngạn sấy khô {n}",
        "product_group": "food",
        "product_subgroup": "processed",
        "stars": 4,
        "score": 78,
        "issued_by": "province",
        "decision_no": f"{n}/QĐ-UBND",
        "decision_date": decision.isoformat(),
        "valid_from": decision.isoformat(),
        "valid_until": (decision + timedelta(days=3 * 365)).isoformat(),
        "status": "active",
        "status_changed_on": None,
        "status_reason": None,
        "producer": producer,
        "updated_at": "2026-11-20T10:15:00+07:00",
    }
    record.update(overrides)
    return record


class Registry:
    """What the loopback registry serves, and what it was asked."""

    def __init__(self) -> None:
        self.records: list[dict] = []
        self.page_size = 50
        self.token = ""  # when set, requests without this bearer token get 401
        self.count_extra = 0  # announce more records than served (a truncated feed)
        # Scripted trouble, consumed in order: ("status", code, headers) or ("sleep", s).
        self.trouble: list[tuple] = []
        self.fail_page: int | None = None  # always 500 for this page (0-based)
        self.requests: list[dict] = []
        self.delay = 0.0  # every page waits this long (for lock tests)
        self.lock = threading.Lock()
        self.url = ""

    def set(self, records: list[dict]) -> None:
        self.records = copy.deepcopy(records)

    def listing(self, query: dict) -> list[dict]:
        since = query.get("updated_since")
        if not since:
            return self.records
        moment = datetime.fromisoformat(since.replace("Z", "+00:00"))
        return [r for r in self.records if datetime.fromisoformat(r["updated_at"]) >= moment]


def _handler(registry: Registry) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output quiet
            pass

        def _send(self, status: int, body: object, headers: dict | None = None) -> None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):  # noqa: N802 - http.server's naming
            parts = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(parts.query))
            with registry.lock:
                registry.requests.append(
                    {"path": self.path, "query": query, "headers": dict(self.headers.items())}
                )
                trouble = registry.trouble.pop(0) if registry.trouble else None
            if registry.delay:
                time.sleep(registry.delay)
            if trouble and trouble[0] == "sleep":
                time.sleep(trouble[1])
            elif trouble:
                return self._send(trouble[1], {"detail": "trouble"}, trouble[2])
            if parts.path.rstrip("/") != "/certificates":
                return self._send(404, {"detail": "not found"})
            if registry.token and self.headers.get("Authorization") != f"Bearer {registry.token}":
                return self._send(401, {"detail": "unauthorised"})
            page = int(query.get("cursor", "0"))
            if registry.fail_page is not None and page == registry.fail_page:
                return self._send(503, {"detail": "down"})
            records = registry.listing(query)
            size = registry.page_size
            chunk = records[page * size : (page + 1) * size]
            more = (page + 1) * size < len(records)
            next_query = {k: v for k, v in query.items() if k != "cursor"} | {"cursor": page + 1}
            next_link = f"{registry.url}/certificates?{urllib.parse.urlencode(next_query)}"
            return self._send(
                200,
                {
                    "registry": REGISTRY,
                    "generated_at": "2026-11-23T02:00:00+07:00",
                    "count": len(records) + registry.count_extra,
                    "next": next_link if more else None,
                    "results": chunk,
                },
            )

    return Handler


@pytest.fixture
def registry():
    state = Registry()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _fast_registry(settings):
    """Short timeouts and a tiny backoff base so retry tests take milliseconds."""
    settings.REGISTRY_TIMEOUT = 0.5
    settings.REGISTRY_RETRIES = 3
    settings.REGISTRY_BACKOFF = 0.01
    settings.REGISTRY_TOKEN = ""
    settings.REGISTRY_URL = ""


@pytest.fixture
def make_records() -> Callable[..., list[dict]]:
    def make(count: int, start: int = 1, **overrides) -> list[dict]:
        return [feed_record(n, **copy.deepcopy(overrides)) for n in range(start, start + count)]

    return make


def days_ago(n: int) -> str:
    return (timezone.localdate() - timedelta(days=n)).isoformat()


def iso(day: date) -> str:
    return day.isoformat()

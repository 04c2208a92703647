"""The nightly registry sync at full size: 20,000 certificates over loopback HTTP.

    createdb -h 127.0.0.1 -U postgres ocop_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench python tests/perf/sync_bench.py

Migrates the database named by DATABASE_URL (PostgreSQL only: this is what production runs),
empties the registry-owned tables, serves a generated feed of --count certificates
(4,000 producers, all six groups) from an http.server thread on 127.0.0.1, then times
  full         the first full sync (creates producers, products, stock records, events),
  unchanged    the same snapshot again (must report zero changes),
  incremental  --changes changed records served to an ``updated_since`` request,
and prints wall time, the process's peak RSS (resource.getrusage) and the run's counts.
Targets: full < 60 s and < 500 MB; incremental < 5 s.
"""

import argparse
import json
import logging
import os
import resource
import sys
import threading
import time
import urllib.parse
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ["DEBUG"] = "False"  # no query log: it would be the biggest thing in memory

if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    sys.exit(
        "Set DATABASE_URL to a PostgreSQL database of your own, e.g. "
        "postgres://postgres@127.0.0.1:5432/ocop_bench (createdb it first)."
    )

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from catalogue_sync.models import SyncRun  # noqa: E402
from catalogue_sync.service import run_sync  # noqa: E402

PLACES = [
    ("Thôn Bãi Chợ", "Xã Phượng Sơn", "Huyện Lục Ngạn", "Tỉnh Bắc Giang"),
    ("Thôn Vân", "Xã Vân Hà", "Huyện Việt Yên", "Tỉnh Bắc Giang"),
    ("Xóm 2", "Xã Tân Cương", "Thành phố Thái Nguyên", "Tỉnh Thái Nguyên"),
    ("Ấp 3", "Xã Tân Phú Đông", "Thành phố Sa Đéc", "Tỉnh Đồng Tháp"),
    ("Thôn 1", "Xã Hoà Phú", "Thành phố Buôn Ma Thuột", "Tỉnh Đắk Lắk"),
    ("Số 12", "Phường Hàng Bạc", "Quận Hoàn Kiếm", "Thành phố Hà Nội"),
]
GROUPS = ["food", "beverage", "herbal", "handicraft", "ornamental", "tourism"]
NAMES = [
    "Mật ong hoa vải",
    "Chè búp Tân Cương",
    "Rượu làng Vân",
    "Nón lá",
    "Lan đột biến",
    "Homestay Đồng Tháp",
    "Cà phê Robusta",
    "Nước mắm cốt",
]


def make_record(n: int, *, updated_at: str) -> dict:
    producer = n // 5
    street, commune, district, province = PLACES[producer % len(PLACES)]
    decision = date(2025, 1, 1) + timedelta(days=n % 500)
    return {
        "certificate_no": f"BENCH-{n:06d}",
        "product_code": f"BENCH-P-{n:06d}",
        "product_name": f"{NAMES[n % len(NAMES)]} số {n}",
        "product_group": GROUPS[n % len(GROUPS)],
        "product_subgroup": "processed",
        "stars": 3 + n % 3,
        "score": 60 + n % 40,
        "issued_by": "province",
        "decision_no": f"{n}/QĐ-UBND",
        "decision_date": decision.isoformat(),
        "valid_from": decision.isoformat(),
        "valid_until": (decision + timedelta(days=3 * 365)).isoformat(),
        "status": "active",
        "status_changed_on": None,
        "status_reason": None,
        "producer": {
            "producer_code": f"BENCH-C-{producer:05d}",
            "name": f"Hợp tác xã Đặc sản số {producer}",
            "legal_form": "cooperative",
            "tax_code": f"{2400000000 + producer}",
            "representative": "Nguyễn Văn An",
            "phone": "0204 3888 123",
            "email": None,
            "address": {
                "street": street,
                "commune": commune,
                "district": district,
                "province": province,
            },
        },
        "updated_at": updated_at,
    }


class Feed:
    def __init__(self, records: list[dict], page_size: int = 500):
        self.records = records
        self.page_size = page_size
        self.url = ""

    def page(self, query: dict) -> bytes:
        records = self.records
        if "updated_since" in query:
            since = datetime.fromisoformat(query["updated_since"].replace("Z", "+00:00"))
            records = [r for r in records if datetime.fromisoformat(r["updated_at"]) >= since]
        cursor = int(query.get("cursor", "0"))
        chunk = records[cursor : cursor + self.page_size]
        more = cursor + self.page_size < len(records)
        nxt = {k: v for k, v in query.items() if k != "cursor"} | {
            "cursor": cursor + self.page_size
        }
        body = {
            "registry": {"authority": "UBND tỉnh Bắc Ninh", "province_code": "24"},
            "generated_at": timezone.now().isoformat(),
            "count": len(records),
            "next": f"{self.url}/certificates?{urllib.parse.urlencode(nxt)}" if more else None,
            "results": chunk,
        }
        return json.dumps(body, ensure_ascii=False).encode("utf-8")


def serve(feed: Feed) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
            data = feed.page(query)
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    feed.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def empty_tables() -> None:
    tables = [
        "ocop_certificateevent",
        "ocop_certificate",
        "partner_stockrecord",
        "catalogue_productattributevalue",
        "catalogue_productcategory",
        "catalogue_product",
        "catalogue_sync_quarantinedrecord",
        "catalogue_sync_syncrun",
    ]
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(t for t in tables if t in existing)} CASCADE")  # noqa: S608
        cursor.execute("DELETE FROM partner_partner WHERE registry_code LIKE 'BENCH-%%'")


def timed(label: str, **kwargs) -> SyncRun:
    started = time.perf_counter()
    run = run_sync(**kwargs)
    seconds = time.perf_counter() - started
    counts = {k: v for k, v in run.counts.items() if v}
    print(f"{label:<12} {seconds:7.2f} s   peak RSS {peak_mb():6.0f} MB   {run.outcome}   {counts}")
    if run.error:
        print(f"             error: {run.error}")
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--steps", action="store_true", help="print the time of each step")
    args = parser.parse_args()
    if args.steps:
        logging.basicConfig(format="    %(message)s")
        logging.getLogger("catalogue_sync.apply").setLevel(logging.DEBUG)

    call_command("migrate", verbosity=0)
    empty_tables()
    print(
        f"PostgreSQL {connection.pg_version}, {os.cpu_count()} CPUs, "
        f"{args.count} certificates, baseline RSS {peak_mb():.0f} MB"
    )

    old = "2025-06-01T00:00:00+07:00"
    feed = Feed([make_record(n, updated_at=old) for n in range(args.count)])
    server = serve(feed)
    try:
        timed("full", source=feed.url, full=True)
        timed("unchanged", source=feed.url, full=True)

        # Producers publish and price four products in five, so the sellability checks before
        # and after the incremental run work on a real catalogue.
        with connection.cursor() as cursor:
            cursor.execute("UPDATE catalogue_product SET is_public = true WHERE id % 5 <> 0")
            cursor.execute(
                "UPDATE partner_stockrecord SET price = 100000, num_in_stock = 5 "
                "WHERE product_id % 5 <> 0"
            )

        time.sleep(1.1)  # updated_since has one-second resolution
        changed_at = timezone.now().isoformat()
        step = max(1, args.count // args.changes)
        for i, n in enumerate(range(0, args.count, step)[: args.changes]):
            record = feed.records[n]
            record["updated_at"] = changed_at
            if i % 10 == 0:
                record["status"] = "suspended"
                record["status_changed_on"] = timezone.localdate().isoformat()
            else:
                record["stars"] = 3 + (record["stars"] - 2) % 3
                record["product_name"] += " (mới)"
        timed("incremental", source=feed.url)
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()

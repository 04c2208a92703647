"""Load test of the production shape (issue 13): run it against `make prod`.

    make prod                                   # in one terminal
    .venv/bin/python tests/perf/load/load_test.py [--seconds 60] [--buyers 40]

Two phases, bounded in time:

1. Throughput: anonymous GETs by --concurrency keep-alive clients for --throughput-seconds
   each, of a minimal Django view (/_minimal/, served by a second gunicorn with the same
   settings and worker count, tests/perf/load/minimal_settings.py), the product page, the
   catalogue, search and the home page; each page's req/s as a share of the minimal view's.
2. Mixed load for --seconds: --browsers anonymous shoppers browse (home, catalogue,
   search, products), --buyers guests each add one unit of ONE product with --units in
   stock to a basket and place a cash-on-delivery order, all at once, while a full
   registry sync of the demo feed runs in this process.

Then it checks, in the database: orders placed vs. units (no oversell), every accepted
checkout has its order (no lost order: each buyer has a unique e-mail), and every order
line its allocation. Prints requests served, 5xx, p50/p95 per page. Exits 1 on any 5xx,
oversell or lost order.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

SEARCHES = ["nuoc mam", "mật ong", "tra", "gạo", "banh", "cà phê", "mi gao", "ruou", "sen", "tỏi"]


def prod_env(args) -> dict:
    secret = (ROOT / "var/prod/secret_key").read_text().strip()
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secret,
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "TASK_BACKEND": "database",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "WEB_CONCURRENCY": str(args.workers),
        "STATIC_ROOT": str(ROOT / "var/prod/static"),
        "MEDIA_ROOT": str(ROOT / "var/prod/media"),
        "LOG_FORMAT": "text",
        "GUNICORN_ACCESSLOG": "off",
    }


def setup_django(args) -> None:
    env = prod_env(args)
    env["TASK_BACKEND"] = "immediate"  # this process's own changes refresh search inline
    os.environ.update({k: v for k, v in env.items() if k not in ("WEB_CONCURRENCY",)})
    import logging

    import django

    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.codes: dict[int, int] = defaultdict(int)

    def record(self, kind: str, seconds: float, status: int) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            self.codes[status] += 1


def timed(stats: Stats, kind: str, call):
    began = time.perf_counter()
    try:
        response = call()
    except httpx.HTTPError:
        stats.record(kind, time.perf_counter() - began, 599)
        return None
    stats.record(kind, time.perf_counter() - began, response.status_code)
    return response


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


# --- phase 1 -------------------------------------------------------------------------------


def throughput(base: str, path: str, *, seconds: float, concurrency: int) -> tuple[float, int]:
    stop = time.monotonic() + seconds
    counts = [0] * concurrency
    errors = [0] * concurrency

    def run(i):
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < stop:
                status = client.get(path).status_code
                counts[i] += 1
                errors[i] += status >= 500 or status == 404

    with httpx.Client(base_url=base, timeout=30) as warm:
        status = warm.get(path).status_code
        assert status == 200, f"{path}: {status}"
    began = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(run, range(concurrency)))
    return sum(counts) / (time.monotonic() - began), sum(errors)


def start_minimal(args) -> tuple[subprocess.Popen, str]:
    from tests.services import free_port, wait_for_port

    port = free_port()
    env = {
        **prod_env(args),
        "DJANGO_SETTINGS_MODULE": "tests.perf.load.minimal_settings",
        "BIND": f"127.0.0.1:{port}",
    }
    process = subprocess.Popen(  # noqa: S603
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port, timeout=60, proc=process)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(url + "/_minimal/", timeout=5).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    return process, url


# --- phase 2 -------------------------------------------------------------------------------


def browse(base: str, stats: Stats, stop: float, products: list[str], catalogue: str, search: str):
    rng = random.Random()
    with httpx.Client(base_url=base, timeout=30) as client:
        while time.monotonic() < stop:
            kind = rng.choice(["home", "catalogue", "search", "product", "product", "product"])
            path = {
                "home": "/",
                "catalogue": catalogue + rng.choice(["", "?page=2"]),
                "search": f"{search}?q={rng.choice(SEARCHES)}",
                "product": rng.choice(products),
            }[kind]
            timed(stats, kind, lambda path=path: client.get(path))


def buy(base: str, stats: Stats, urls: dict, n: int, start_at: float) -> str:
    """One guest's cash-on-delivery checkout; returns "placed", "refused" or "error"."""
    time.sleep(max(0.0, start_at - time.monotonic()))
    email = f"tai.{n}.{urls['run']}@example.vn"
    with httpx.Client(base_url=base, timeout=60) as client:

        def post(kind, path, data):
            token = client.cookies.get("csrftoken", "")
            return timed(
                stats,
                kind,
                lambda: client.post(
                    path,
                    data={**data, "csrfmiddlewaretoken": token},
                    headers={"Referer": base + path},
                ),
            )

        if not timed(stats, "product", lambda: client.get(urls["product"])):
            return "error"
        steps = [
            ("basket-add", urls["add"], {"quantity": 1}),
            ("checkout", urls["index"], {"username": email, "options": "anonymous"}),
            ("checkout", urls["address"], urls["address_data"]),
        ]
        for kind, path, data in steps:
            response = post(kind, path, data)
            if response is None or response.status_code != 302:
                return "refused" if response is not None and response.status_code < 500 else "error"
        response = timed(stats, "checkout", lambda: client.get(urls["method"]))
        response = post(
            "checkout", urls["preview"], {"payment_method": "cod", "data_consent": "on"}
        )
        if response is None or response.status_code != 302:
            return "refused" if response is not None and response.status_code < 500 else "error"
        response = post("place-order", urls["preview"], {"action": "place_order"})
        if response is None or response.status_code >= 500:
            return "error"
        if response.status_code == 302 and "thank-you" in response.headers.get("Location", ""):
            return "placed:" + email
        return "refused"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:55432/ocop")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:56379/0")
    parser.add_argument("--workers", type=int, default=4, help="as make prod (WEB_CONCURRENCY)")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--browsers", type=int, default=6)
    parser.add_argument("--buyers", type=int, default=40)
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--throughput-seconds", type=float, default=8)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    setup_django(args)

    from django.db.models import F, Sum
    from django.urls import reverse
    from oscar.core.loading import get_model

    from catalogue_sync.service import run_sync
    from shop.addresses import wards
    from shop.ocop.rules import sellable_products

    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    Line = get_model("order", "Line")

    sellable = list(
        sellable_products(Product.objects.filter(is_public=True, structure="standalone"))
        .exclude(certificates__product_subgroup="alcoholic")
        .order_by("pk")[:40]
    )
    assert sellable, "no sellable demo product: is `make prod` running with the demo?"
    target = sellable[0]
    record = StockRecord.objects.filter(product=target).first()
    record.num_in_stock = args.units
    record.num_allocated = 0
    record.save()  # invalidates its pages in every process (Redis)
    lines_before = set(Line.objects.filter(product=target).values_list("pk", flat=True))
    product_paths = [p.get_absolute_url() for p in sellable]
    catalogue, search = reverse("catalogue:index"), reverse("search:search")
    run = str(int(time.time()))
    urls = {
        "run": run,
        "product": target.get_absolute_url(),
        "add": reverse("basket:add", kwargs={"pk": target.pk}),
        "index": reverse("checkout:index"),
        "address": reverse("checkout:shipping-address"),
        "method": reverse("checkout:shipping-method"),
        "preview": reverse("checkout:preview"),
        "address_data": {
            "first_name": "Trần Thị Tải",
            "phone_number": "0912 345 678",
            "province_code": "01",
            "ward_code": wards("01")[0].code,
            "line1": "12 Phố Hàng Bông",
            "notes": "",
        },
    }

    # Phase 1 ------------------------------------------------------------------------------
    print(
        f"Throughput, {args.concurrency} keep-alive clients, {args.throughput_seconds:.0f} s each"
    )
    minimal_process, minimal_url = start_minimal(args)
    try:
        rates = {}
        rates["minimal view"], _ = throughput(
            minimal_url,
            "/_minimal/",
            seconds=args.throughput_seconds,
            concurrency=args.concurrency,
        )
        for label, path in [
            ("product page", product_paths[1 % len(product_paths)]),
            ("catalogue", catalogue),
            ("search 'nuoc mam'", f"{search}?q=nuoc+mam"),
            ("home", "/"),
        ]:
            rates[label], errors = throughput(
                args.url, path, seconds=args.throughput_seconds, concurrency=args.concurrency
            )
            assert errors == 0, f"{label}: {errors} errors"
    finally:
        minimal_process.terminate()
        minimal_process.wait(timeout=30)
    base = rates["minimal view"]
    print("| page (anonymous, cached) | req/s | share of the minimal view |")
    print("|---|---|---|")
    for label, rate in rates.items():
        print(f"| {label} | {rate:.0f} | {100 * rate / base:.1f} % |")

    # Phase 2 ------------------------------------------------------------------------------
    print(
        f"\nMixed load, {args.seconds:.0f} s: {args.browsers} browsing, {args.buyers} buying "
        f"{args.units} units of “{target.title}”, a full registry sync meanwhile"
    )
    stats = Stats()
    stop = time.monotonic() + args.seconds
    sync_result = {}

    def sync():
        time.sleep(min(5, args.seconds / 4))
        began = time.monotonic()
        demo = ROOT / "catalogue_sync/demo/registry-demo.json"
        sync_result["run"] = run_sync(source=str(demo), full=True)
        sync_result["seconds"] = time.monotonic() - began

    sync_thread = threading.Thread(target=sync)
    sync_thread.start()
    with ThreadPoolExecutor(args.browsers + args.buyers) as pool:
        browsing = [
            pool.submit(browse, args.url, stats, stop, product_paths, catalogue, search)
            for _ in range(args.browsers)
        ]
        buying_start = time.monotonic() + min(8, args.seconds / 3)
        buying = [
            pool.submit(buy, args.url, stats, urls, n, buying_start) for n in range(args.buyers)
        ]
        outcomes = [future.result() for future in buying]
        for future in browsing:
            future.result()
    sync_thread.join()

    placed = [o.split(":", 1)[1] for o in outcomes if o.startswith("placed:")]
    refused = outcomes.count("refused")
    errors = outcomes.count("error")
    from shop.order.models import Order

    new_lines = Line.objects.filter(product=target).exclude(pk__in=lines_before)
    ordered_units = new_lines.aggregate(n=Sum("quantity"))["n"] or 0
    unallocated = new_lines.exclude(num_allocated=F("quantity")).count()
    orders = set(Order.objects.filter(lines__in=new_lines).values_list("guest_email", flat=True))
    lost = [email for email in placed if email not in orders]
    record.refresh_from_db()
    served = sum(stats.codes.values())
    five_xx = sum(n for code, n in stats.codes.items() if code >= 500)

    print(
        f"requests served: {served}; status codes: {dict(sorted(stats.codes.items()))}; "
        f"5xx (and transport errors): {five_xx}"
    )
    print(
        f"checkouts: {len(placed)} placed, {refused} refused (sold out), {errors} errors; "
        f"units ordered {ordered_units} of {args.units}; stock allocated "
        f"{record.num_allocated}/{record.num_in_stock}; lost orders {len(lost)}; "
        f"lines without their allocation {unallocated}"
    )
    if sync_result:
        run_row = sync_result["run"]
        print(f"registry sync during the load: {run_row.outcome} in {sync_result['seconds']:.1f} s")
    print("| page | requests | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    for kind in sorted(stats.times):
        values = stats.times[kind]
        print(f"| {kind} | {len(values)} | {pct(values, 0.5):.0f} | {pct(values, 0.95):.0f} |")
    anonymous = [t for k in ("home", "catalogue", "search", "product") for t in stats.times[k]]
    print(
        f"anonymous pages overall: p50 {pct(anonymous, 0.5):.0f} ms, "
        f"p95 {pct(anonymous, 0.95):.0f} ms "
        f"(median of all {statistics.median(anonymous) * 1000:.0f} ms)"
    )
    ok = (
        five_xx == 0
        and errors == 0
        and ordered_units <= args.units
        and not lost
        and unallocated == 0
        and len(placed) == ordered_units
        and record.num_allocated == ordered_units
    )
    print("RESULT:", "ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

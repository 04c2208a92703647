"""Anonymous pages at 20,000 products under gunicorn, cached and uncached, as a share of a
minimal Django view served by the same gunicorn settings in the same run (issue 13).

    createdb -h 127.0.0.1 -U postgres ocop_pages_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_pages_bench \\
        .venv/bin/python tests/perf/pages_bench.py [--count 20000] [--seconds 6] [--workers 2]

Migrates the database, loads the demo (CMS pages, gift sets) and fills it once with --count
products (tests/perf/search_bench.py's filler: 2,000 producers over 34 provinces, six groups,
a tenth unsellable), filed under the demo's categories. Starts its own redis-server and two
gunicorns with production settings (--workers each, same settings): the shop and one with a
minimal view (/_minimal/, tests/perf/load/minimal_settings.py). Then for each page:

  cached    --concurrency keep-alive clients for --seconds (a stored page, as most visitors
            get it);
  uncached  one client, each request the first after a real change: a stock record's price
            is saved in this process before it (its signals drop the cached pages and
            search results in Redis, as a producer's edit would), so every request renders.
            Timed is the request only; its rate is 1 / mean latency.

The minimal view is measured the same two ways right before each page; the shares are page
rate / minimal rate.
Targets (issue 13): cached >= 40 %; uncached product >= 15 %, catalogue, category, search and
home >= 5 %. Prints a table; re-running reuses the data (--refill rebuilds it).
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    sys.exit(
        "Set DATABASE_URL to a PostgreSQL database of your own, e.g. "
        "postgres://postgres@127.0.0.1:5432/ocop_pages_bench (createdb it first)."
    )


def server_env(redis_url: str, workers: int, static_root: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "REDIS_URL": redis_url,
        "TASK_BACKEND": "immediate",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "WEB_CONCURRENCY": str(workers),
        "STATIC_ROOT": static_root,
        "LOG_FORMAT": "text",
        "GUNICORN_ACCESSLOG": "off",
    }


def start_gunicorn(env: dict, settings: str) -> tuple[subprocess.Popen, str]:
    from tests.services import free_port, wait_for_port

    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": settings, "BIND": f"127.0.0.1:{port}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port, timeout=90, proc=process)
    return process, f"http://127.0.0.1:{port}"


def prepare(count: int, refill: bool) -> None:
    from django.core.management import call_command
    from oscar.core.loading import get_model

    from search import documents_db
    from shop.text import fold

    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    ProductCategory = get_model("catalogue", "ProductCategory")
    call_command("migrate", verbosity=0)
    if not Product.objects.filter(upc__startswith="SB-").exists() or refill:
        call_command("load_demo", "--force", verbosity=0)
        from tests.perf.search_bench import fill

        fill(count)
        by_name = {fold(c.name): c for c in Category.objects.filter(depth=1)}
        from shop.ocop.models import ProductGroup

        groups = {g.value: by_name.get(fold(g.label)) for g in ProductGroup}
        links = [
            ProductCategory(product_id=pk, category=groups[group])
            for pk, group in Product.objects.filter(upc__startswith="SB-").values_list(
                "pk", "certificates__product_group"
            )
            if groups.get(group)
        ]
        ProductCategory.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)
        documents_db.reindex()
    call_command("collectstatic", "--noinput", verbosity=0)


def rate_concurrent(url: str, seconds: float, concurrency: int) -> float:
    stop = time.monotonic() + seconds
    counts = [0] * concurrency

    def run(i):
        with httpx.Client(timeout=30) as client:
            while time.monotonic() < stop:
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                counts[i] += 1

    httpx.get(url, timeout=60)  # stored
    began = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(run, range(concurrency)))
    return sum(counts) / (time.monotonic() - began)


def rate_after_changes(url: str, seconds: float, change) -> tuple[float, float]:
    """(requests/s from the mean latency, p95 ms) of requests each made after ``change()``."""
    times = []
    stop = time.monotonic() + seconds
    with httpx.Client(timeout=60) as client:
        client.get(url)
        while time.monotonic() < stop or len(times) < 5:
            change()
            began = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - began)
            assert response.status_code == 200, (url, response.status_code)
            assert "X-Page-Cache" not in response.headers, f"{url} was served from cache"
    ordered = sorted(times)
    return 1 / statistics.mean(times), ordered[int(0.95 * (len(ordered) - 1))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--refill", action="store_true")
    parser.add_argument("--pages", default="", help="comma-separated names, e.g. home,product")
    args = parser.parse_args()

    from tests.services import start_redis

    static_root = tempfile.mkdtemp(prefix="ocop-bench-static-")
    with start_redis() as redis_url:
        env = server_env(redis_url, args.workers, static_root)
        os.environ.update({k: v for k, v in env.items() if k != "WEB_CONCURRENCY"})
        import django

        django.setup()
        import logging

        logging.getLogger("httpx").setLevel(logging.WARNING)
        prepare(args.count, args.refill)

        from oscar.core.loading import get_model

        from shop.ocop.rules import sellable_products

        Product = get_model("catalogue", "Product")
        StockRecord = get_model("partner", "StockRecord")
        Category = get_model("catalogue", "Category")
        product = sellable_products(Product.objects.filter(upc__startswith="SB-")).first()
        record = StockRecord.objects.get(product=product)
        category = Category.objects.filter(depth=1, is_public=True).order_by("path").first()
        flip = {"n": 0}

        def change():
            flip["n"] += 1
            record.price = Decimal(200000 + 1000 * (flip["n"] % 2))
            record.save()  # on commit: pages, listings and search results dropped (Redis)

        shop, base = start_gunicorn(env, "config.settings.production")
        minimal, minimal_base = start_gunicorn(env, "tests.perf.load.minimal_settings")
        try:
            pages = {
                "product": product.get_absolute_url(),
                "catalogue": "/shop/catalogue/",
                "category": category.get_absolute_url(),
                "search": "/shop/search/?q=mat+ong",
                "home": "/",
                "gift listing": "/shop/qua-tang/",
                "story (CMS)": "/cau-chuyen/",
            }
            if args.pages:
                wanted = {name.strip() for name in args.pages.split(",")}
                pages = {name: path for name, path in pages.items() if name in wanted}
            minimal_url = minimal_base + "/_minimal/"
            for _ in range(200):  # every worker booted and warm
                httpx.get(minimal_url, timeout=30)
            print(
                f"{args.count} products, gunicorn {args.workers} workers each, "
                f"{args.concurrency} clients for cached, load {os.getloadavg()[0]:.1f}"
            )
            print(
                "| page | cached req/s | minimal | share | uncached req/s | minimal "
                "| share | uncached p95 |"
            )
            print("|---|---|---|---|---|---|---|---|")
            for name, path in pages.items():
                # The minimal view is measured right before each page: the machines are
                # noisy, and a share is only fair against a neighbour in time.
                min_cached = rate_concurrent(minimal_url, args.seconds, args.concurrency)
                cached = rate_concurrent(base + path, args.seconds, args.concurrency)
                min_uncached, _ = rate_after_changes(minimal_url, args.seconds, change)
                uncached, p95 = rate_after_changes(base + path, args.seconds, change)
                print(
                    f"| {name} | {cached:.0f} | {min_cached:.0f} | "
                    f"{100 * cached / min_cached:.0f} % | {uncached:.1f} | {min_uncached:.0f} | "
                    f"{100 * uncached / min_uncached:.1f} % | {p95:.0f} ms |"
                )
            print(f"load after: {os.getloadavg()[0]:.1f}")
        finally:
            for process in (shop, minimal):
                process.terminate()
                process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Throughput of the product page against a bare Django view, in one process.

    python tests/perf/product_page_bench.py [--seconds 5]

Creates (or reuses) its own test database, one sellable product, then for each of
  bare       a view returning HttpResponse("ok") through the whole middleware stack,
  cached     the product page as an anonymous shopper with an empty basket sees it,
  uncached   the same page rendered every time (a query string bypasses the cache),
counts requests per second through Django's test client and prints the ratios.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("TEST_DB_TAG", "perf")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.urls import include, path  # noqa: E402


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bare/", bare), path("", include("config.urls"))]


def rate(url: str, seconds: float, query=None) -> float:
    client = Client()
    client.get(url, query)  # warm up
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        response = Client().get(url, query)
        assert response.status_code == 200, response.status_code
        count += 1
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, keepdb=True)
    from tests.factories import sellable_product

    product = sellable_product(title="Trà hoa vàng Ba Chẽ", price=450000)
    with override_settings(ROOT_URLCONF=__name__):
        results = {
            "bare": rate("/bare/", args.seconds),
            "cached": rate(product.get_absolute_url(), args.seconds),
            "uncached": rate(product.get_absolute_url(), args.seconds, {"v": "1"}),
        }
    for name, value in results.items():
        share = 100 * value / results["bare"]
        print(f"{name:9s} {value:8.0f} req/s  {share:5.1f} % of bare")


if __name__ == "__main__":
    main()

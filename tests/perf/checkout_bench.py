"""50 concurrent checkouts for 20 units of one product, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres TEST_DB_TAG=perf \
        python tests/perf/checkout_bench.py [--shoppers 50] [--units 20]

Each shopper has their own basket with one unit and places it through the shop's
OrderCreator (row locks on basket and stock record, sellability re-check, allocation) on its
own database connection, all released at once by a barrier. Checks: exactly ``units`` orders,
the stock record allocated exactly ``units``, every other shopper refused, no order number
twice. Prints p50/p95/max of placement (successful and refused).
"""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("TEST_DB_TAG", "perf")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shoppers", type=int, default=50)
    parser.add_argument("--units", type=int, default=20)
    args = parser.parse_args()
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, keepdb=True)
    if connection.vendor != "postgresql":
        sys.exit("checkout_bench needs PostgreSQL (DATABASE_URL=postgres://...)")

    from oscar.core.loading import get_model

    from shop.order.utils import LinesCannotBeSold
    from tests.factories import sellable_product
    from tests.shop.checkout.placement import basket_with, place_basket

    Order = get_model("order", "Order")
    run = str(int(time.time()))
    product = sellable_product(title=f"Bánh cốm Hà Nội {run}", price=90000, stock=args.units)
    baskets = [basket_with(product).pk for _ in range(args.shoppers)]
    connection.close()
    barrier = threading.Barrier(args.shoppers)
    results = [None] * args.shoppers
    timings = [0.0] * args.shoppers

    def shopper(i):
        barrier.wait()
        start = time.perf_counter()
        results[i] = place_basket(baskets[i], f"B{run}-{i:03d}")
        timings[i] = time.perf_counter() - start

    threads = [threading.Thread(target=shopper, args=(i,)) for i in range(args.shoppers)]
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - wall

    placed = [r for r in results if isinstance(r, Order)]
    refused = [r for r in results if isinstance(r, LinesCannotBeSold)]
    other = [r for r in results if not isinstance(r, Order | LinesCannotBeSold)]
    record = product.stockrecords.get()
    orders = Order.objects.filter(lines__product=product)
    numbers = list(orders.values_list("number", flat=True))
    ok_times = [timings[i] for i, r in enumerate(results) if isinstance(r, Order)]
    print(f"shoppers={args.shoppers} units={args.units} wall={wall:.2f}s")
    print(f"orders placed={len(placed)} in DB={len(numbers)}", end=" ")
    print(f"refused={len(refused)} errors={len(other)}")
    print(f"stock allocated={record.num_allocated} of {record.num_in_stock}")
    ms = [pct(ok_times, 0.5) * 1000, pct(ok_times, 0.95) * 1000, max(ok_times) * 1000]
    print(f"placement (placed) p50={ms[0]:.0f} ms p95={ms[1]:.0f} ms max={ms[2]:.0f} ms")
    ms = [statistics.median(timings) * 1000, pct(timings, 0.95) * 1000]
    print(f"placement (all) p50={ms[0]:.0f} ms p95={ms[1]:.0f} ms")
    assert not other, other[:3]
    assert len(placed) == len(numbers) == args.units, (len(placed), len(numbers))
    assert len(set(numbers)) == len(numbers)
    assert record.num_allocated == args.units
    print("OK: no oversell, no lost or duplicated order")


if __name__ == "__main__":
    main()

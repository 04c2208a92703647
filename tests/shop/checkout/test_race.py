"""Two shoppers racing for the last unit: real concurrent transactions on PostgreSQL."""

import threading

import pytest
from django.db import connection
from oscar.core.loading import get_model

from shop.order.utils import LinesCannotBeSold
from tests.factories import sellable_product

from .placement import basket_with, place_basket

Order = get_model("order", "Order")


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


@pytest.fixture
def _leave_migrated_data(django_db_blocker):
    """A transactional test ends by flushing every table, data-migration rows included
    (Wagtail's root page, Việt Nam, zone rates): put them back so later tests, and the next
    --reuse-db run, start from a migrated database."""
    yield
    from django.core.management import call_command
    from django.db import connections

    with django_db_blocker.unblock():
        for conn in connections.all():
            contents = getattr(conn, "_test_serialized_contents", None)
            if contents:
                call_command(
                    "flush",
                    database=conn.alias,
                    interactive=False,
                    inhibit_post_migrate=True,
                    verbosity=0,
                )
                conn.creation.deserialize_db_from_string(contents)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("_leave_migrated_data")
def test_two_shoppers_cannot_both_buy_the_last_unit():
    product = sellable_product(title="Nước mắm Phú Quốc", price=180000, stock=1)
    baskets = [basket_with(product).pk, basket_with(product).pk]
    barrier = threading.Barrier(2)
    results = [None, None]

    def run(i):
        barrier.wait()
        results[i] = place_basket(baskets[i], f"RACE-{i}")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    placed = [r for r in results if isinstance(r, Order)]
    refused = [r for r in results if isinstance(r, LinesCannotBeSold)]
    assert len(placed) == 1 and len(refused) == 1, results
    record = product.stockrecords.get()
    assert record.num_allocated == 1
    assert Order.objects.count() == 1

"""Coherence across processes: PostgreSQL, a real Redis and two gunicorn workers.

After a sync revokes a certificate, a producer changes a price or the stock, or the clock
passes midnight on a certificate's last day, EVERY worker's product page, catalogue,
search results, basket and checkout say so on the next request -- whatever that worker
had cached before. The changes are made from this test process, as the task worker or
another web process would make them, through the same code (the sync, model saves).
"""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue_sync.service import run_sync
from shop.ocop.rules import today
from tests.catalogue_sync.test_sync_follows import feed
from tests.factories import sellable_product
from tests.ops.web import FAKETIME_LIB, database_url, gunicorn

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SEARCH = reverse("search:search")
CATALOGUE = reverse("catalogue:index")
BASKET = reverse("basket:summary")


@pytest.fixture
def shared_cache(settings, redis_url):
    """This process and the web workers use the same Redis (and key prefix)."""
    if connection.vendor != "postgresql":
        pytest.skip("the production shape runs on PostgreSQL")
    prefix = f"coh{os.getpid()}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
        }
    }
    from django.core.cache import cache

    cache.clear()
    return redis_url, prefix


@pytest.fixture
def serve(shared_cache, tmp_path):
    redis_url, prefix = shared_cache

    def _serve(**kwargs):
        return gunicorn(
            database=database_url(connection.settings_dict),
            redis_url=redis_url,
            prefix=prefix,
            tmp=tmp_path,
            **kwargs,
        )

    return _serve


def every_worker_says(web, path: str, *, contains=(), lacks=()):
    """Asked by an anonymous visitor unless ``web`` is a shopper with a basket."""
    for pid, responses in web.from_every_worker(path).items():
        for response in responses:
            assert response.status_code == 200, (pid, path, response.status_code)
            for text in contains:
                assert text in response.text, f"worker {pid}: {path} lacks {text!r}"
            for text in lacks:
                assert text not in response.text, f"worker {pid}: {path} still shows {text!r}"


def add_to_basket(shopper, product) -> None:
    page = shopper.get(product.get_absolute_url())
    assert page.status_code == 200
    added = shopper.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert added.status_code == 302, added.text[:500]


def test_sync_revocation_and_producer_changes_reach_every_worker(serve, tmp_path, settings):
    settings.REGISTRY_MAX_DELIST_SHARE = 1.0  # one product only: its revocation is the point
    assert run_sync(source=feed(tmp_path, "active"), full=True).outcome == "applied"
    tea = Product.objects.get(title="Trà hoa vàng Ba Chẽ")
    StockRecord.objects.filter(product=tea).update(price=450000, num_in_stock=5)
    Product.objects.filter(pk=tea.pk).update(is_public=True)
    tea.refresh_from_db()
    tea.save()  # the producer publishes it (signals: caches and search follow)
    other = sellable_product(title="Bánh cáy Làng Nguyễn", price=90000, stock=3)
    add_button = reverse("basket:add", kwargs={"pk": tea.pk})

    with serve() as server:
        web, shopper = server.visitor(), server
        # Both workers render and cache everything once.
        every_worker_says(web, tea.get_absolute_url(), contains=["450.000", add_button])
        every_worker_says(web, CATALOGUE, contains=["Trà hoa vàng Ba Chẽ"])
        every_worker_says(web, f"{SEARCH}?q=tra+hoa+vang", contains=["Trà hoa vàng Ba Chẽ"])
        add_to_basket(shopper, tea)
        every_worker_says(
            shopper, BASKET, contains=["Trà hoa vàng Ba Chẽ"], lacks=["không còn bán"]
        )

        # The producer changes the price (the portal saves the stock record).
        record = StockRecord.objects.get(product=tea)
        record.price = 520000
        record.save()
        every_worker_says(web, tea.get_absolute_url(), contains=["520.000"], lacks=["450.000"])
        every_worker_says(web, f"{SEARCH}?q=tra+hoa+vang", contains=["520.000"])

        # ... and sells out of the other product.
        cake = StockRecord.objects.get(product=other)
        cake.num_in_stock = 0
        cake.save()
        every_worker_says(
            web,
            other.get_absolute_url(),
            lacks=[reverse("basket:add", kwargs={"pk": other.pk})],
        )

        # The nightly sync: the registry revoked the certificate.
        assert run_sync(source=feed(tmp_path, "revoked")).outcome == "applied"
        every_worker_says(web, tea.get_absolute_url(), contains=["thu hồi"], lacks=[add_button])
        every_worker_says(web, CATALOGUE, lacks=["Trà hoa vàng Ba Chẽ"])
        every_worker_says(
            web, f"{SEARCH}?q=tra+hoa+vang", lacks=[f'href="{tea.get_absolute_url()}"']
        )
        # The basket filled before says it cannot be bought, on every worker ...
        every_worker_says(shopper, BASKET, contains=["thu hồi"])
        # ... and no worker lets it through checkout.
        for _ in range(6):
            response = shopper.get(reverse("checkout:index"))
            assert response.status_code == 302 and response.headers["Location"].endswith(BASKET)


@pytest.mark.skipif(not FAKETIME_LIB.exists(), reason="apt-get install faketime")
def test_midnight_on_the_last_day_reaches_every_worker(serve, tmp_path):
    last_day = today()
    product = sellable_product(title="Miến dong Bình Liêu", price=65000, valid_until=last_day)
    add_button = reverse("basket:add", kwargs={"pk": product.pk})
    clock = tmp_path / "clock"
    # 23:59:00 in Hà Nội on the certificate's last day. (libfaketime reads the file in
    # the process's zone: Django sets TZ to TIME_ZONE, and the server starts with it too.)
    clock.write_text(f"{last_day.isoformat()} 23:59:00\n")

    with serve(clock_file=clock) as server:
        web, shopper = server.visitor(), server
        every_worker_says(web, product.get_absolute_url(), contains=[add_button])
        every_worker_says(web, CATALOGUE, contains=["Miến dong Bình Liêu"])
        every_worker_says(web, f"{SEARCH}?q=mien+dong", contains=["Miến dong Bình Liêu"])
        add_to_basket(shopper, product)

        # 00:00:30 the next day, for every worker at once; nothing else changed.
        clock.write_text(f"{(last_day + timedelta(days=1)).isoformat()} 00:00:30\n")
        every_worker_says(
            web, product.get_absolute_url(), contains=["hết hiệu lực"], lacks=[add_button]
        )
        every_worker_says(web, CATALOGUE, lacks=["Miến dong Bình Liêu"])
        every_worker_says(
            web, f"{SEARCH}?q=mien+dong", lacks=[f'href="{product.get_absolute_url()}"']
        )
        every_worker_says(shopper, BASKET, contains=["hết hiệu lực"])
        for _ in range(6):
            response = shopper.get(reverse("checkout:index"))
            assert response.status_code == 302 and response.headers["Location"].endswith(BASKET)

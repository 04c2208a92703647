"""Oscar's product view counter: counted in the request without Redis (one process, the
embedded default), counted in Redis and added to the records by the worker's job with it,
so a shopper's product page writes nothing to the database."""

import os

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from shop.catalogue import product_views
from shop.catalogue.tasks import flush_product_views
from tests.factories import sellable_product

ProductRecord = get_model("analytics", "ProductRecord")
UserProductView = get_model("analytics", "UserProductView")
pytestmark = pytest.mark.django_db


def views(product) -> int:
    record = ProductRecord.objects.filter(product=product).first()
    return record.num_views if record else 0


def open_page(product, client=None):
    with CaptureQueriesContext(connection) as queries:
        response = (client or Client()).get(product.get_absolute_url())
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


@pytest.fixture
def shared_redis(settings, redis_url):
    settings.REDIS_URL = redis_url
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"views{os.getpid()}"},
    }
    product_views._client = None
    client = product_views._redis()
    client.delete(product_views._key(), f"{product_views._key()}:flushing")
    yield client
    client.delete(product_views._key(), f"{product_views._key()}:flushing")
    product_views._client = None


def test_without_redis_a_view_is_counted_at_once():
    product = sellable_product(title="Mật ong bạc hà Hà Giang")
    open_page(product)
    assert views(product) == 1


def test_with_redis_a_view_writes_nothing_and_the_job_adds_it(shared_redis):
    honey = sellable_product(title="Mật ong bạc hà Hà Giang")
    tea = sellable_product(title="Chè búp Tân Cương")
    sql = open_page(honey, Client())
    assert not [q for q in sql if "analytics_productrecord" in q]
    cache.clear()  # (a stored page is served without Oscar's view: rendered again)
    open_page(honey, Client())
    open_page(tea, Client())
    assert views(honey) == 0  # not yet

    flush_product_views.call()
    assert (views(honey), views(tea)) == (2, 1)
    assert flush_product_views.call() == 0  # nothing counted twice
    cache.clear()
    open_page(tea, Client())
    flush_product_views.call()
    assert views(tea) == 2


def test_a_signed_in_shoppers_view_is_counted_with_their_history(
    shared_redis, django_user_model
):
    product = sellable_product(title="Nước mắm Phú Quốc")
    client = Client()
    client.force_login(django_user_model.objects.create_user("lan", "lan@example.vn", "x"))
    open_page(product, client)
    assert views(product) == 1
    assert UserProductView.objects.filter(product=product).count() == 1


def test_views_left_by_a_failed_flush_are_added_by_the_next(shared_redis):
    product = sellable_product(title="Mật ong bạc hà Hà Giang")
    gone = product.pk + 1000  # a product deleted since its views were counted
    # A flush that renamed the hash, then failed before adding it.
    shared_redis.hset(
        f"{product_views._key()}:flushing", mapping={str(product.pk): 3, str(gone): 5}
    )
    open_page(product, Client())  # counted in the new hash meanwhile
    assert product_views.flush() == 3  # the deleted product's views are dropped
    assert views(product) == 3
    assert product_views.flush() == 1
    assert views(product) == 4

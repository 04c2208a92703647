"""A small shelf of OCOP products, indexed by the backend under test.

``backend`` is parametrised: the database always; Elasticsearch too when ELASTICSEARCH_URL
is set (then the same tests run against the real cluster, after a full rebuild)."""

import re
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from oscar.core.loading import get_model

from search import documents_db
from shop.ocop.models import Certificate
from shop.ocop.rules import today
from tests.factories import ProducerFactory, sellable_product

Product = get_model("catalogue", "Product")

BACKENDS = ["database"] + (["elasticsearch"] if django_settings.ELASTICSEARCH_URL else [])


@pytest.fixture(params=BACKENDS)
def backend(request, settings):
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
    else:
        request.node.add_marker(pytest.mark.elasticsearch)
        name = re.sub(r"[^a-z0-9-]+", "-", request.node.name.lower())[:60]
        settings.ELASTICSEARCH_INDEX = f"test-ocop-{name}"
    yield request.param
    if request.param == "elasticsearch":
        from search.backends.elastic import client

        client().indices.delete(index=f"{settings.ELASTICSEARCH_INDEX}-*", ignore_unavailable=True)


def index_all(backend_name: str) -> None:
    documents_db.reindex()
    if backend_name == "elasticsearch":
        from search.backends.elastic import client
        from search.index_es import rebuild

        rebuild(client())


def _product(title, *, price, stars=4, group="food", producer, stock=10, days_old=0):
    product = sellable_product(
        title=title, price=price, producer=producer, stock=stock, group=group
    )
    Certificate.objects.filter(product=product).update(stars=stars)
    Product.objects.filter(pk=product.pk).update(
        date_created=product.date_created - timedelta(days=days_old)
    )
    return product


@pytest.fixture
def shelf(db, backend):
    tan_cuong = ProducerFactory(
        name="Hợp tác xã Chè Tân Cương", province_name="Tỉnh Thái Nguyên", province_code="19"
    )
    tran_gia = ProducerFactory(
        name="Cơ sở Trần Gia", province_name="Tỉnh An Giang", province_code="91"
    )
    u_minh = ProducerFactory(
        name="Hợp tác xã Ong mật U Minh", province_name="Tỉnh Cà Mau", province_code="96"
    )
    p = {
        "tea": _product(
            "Chè búp xanh Tân Cương", price=350000, stars=5, group="beverage",
            producer=tan_cuong, days_old=30,
        ),
        "tea_thai": _product(
            "Chè Thái Nguyên đặc biệt", price=520000, stars=4, group="beverage",
            producer=tan_cuong, days_old=20,
        ),
        "sugar": _product(
            "Đường thốt nốt Trần Gia", price=85000, stars=3, producer=tran_gia, days_old=10,
        ),
        "banh_da": _product("Bánh đa cua", price=60000, stars=3, producer=tran_gia, days_old=5),
        "banh_da_bo": _product("Bánh da bò", price=45000, stars=3, producer=tran_gia, stock=0),
        "honey": _product(
            "Mật ong hoa nhãn", price=250000, stars=4, producer=u_minh, days_old=1,
        ),
        "royal_jelly": _product(
            "Sữa ong chúa mật hoa", price=450000, stars=4, producer=u_minh, days_old=2,
        ),
        "expired": _product("Mật ong rừng hết hạn", price=300000, producer=u_minh),
        "hidden": _product("Mật ong chưa đăng bán", price=300000, producer=u_minh),
    }  # fmt: skip
    Certificate.objects.filter(product=p["expired"]).update(valid_until=today() - timedelta(days=1))
    Product.objects.filter(pk=p["hidden"].pk).update(is_public=False)
    index_all(backend)
    p["producers"] = {"tan_cuong": tan_cuong, "tran_gia": tran_gia, "u_minh": u_minh}
    return p

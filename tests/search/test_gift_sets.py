"""Curated gift sets in search: they have no certificate or stock of their own, so their
documents stand on their components (search/gifts.py)."""

from datetime import timedelta

import pytest
from oscar.core.loading import get_model

from search import documents_db
from search.documents import to_doc
from search.models import ProductDocument
from search.service import ProductQuery, search
from shop.ocop.rules import today
from tests.factories import ProducerFactory, gift_set, sellable_product

StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def gift():
    producer = ProducerFactory(name="HTX Chè Tân Cương", province_code="19")
    tea = sellable_product(title="Chè búp Tân Cương", price=200000, stock=10, producer=producer)
    honey = sellable_product(title="Mật ong bạc hà", price=250000, stock=4, producer=producer)
    product = gift_set([(tea, 2), (honey, 1)], title="Giỏ quà Tết Sum Vầy", price=690000)
    documents_db.reindex()
    return product, tea, honey


def test_the_in_stock_filter_keeps_a_gift_set_its_components_can_fill(gift):
    product, _tea, _honey = gift
    found = search(ProductQuery(q="gio qua sum vay", in_stock=True)).products
    assert [p.pk for p in found] == [product.pk]


def test_the_elasticsearch_document_of_a_gift_set_follows_its_components(gift):
    product, tea, honey = gift
    on = today()
    doc = to_doc(product, certificate=None, categories=[], on=on)
    tea_cert, honey_cert = tea.certificates.get(), honey.certificates.get()
    assert doc.status == "active"
    assert doc.in_stock is True
    assert doc.valid_from == max(tea_cert.valid_from, honey_cert.valid_from)
    assert doc.valid_until == min(tea_cert.valid_until, honey_cert.valid_until)

    honey_cert.status = "revoked"
    honey_cert.save()
    product.refresh_from_db()
    doc = to_doc(product, certificate=None, categories=[], on=on)
    assert doc.status is None  # the Elasticsearch query's sellable filter drops it
    assert doc.valid_until is None


def test_a_gift_set_out_of_component_stock_is_not_indexed_in_stock(gift):
    product, _tea, honey = gift
    StockRecord.objects.filter(product=honey).update(num_in_stock=0)
    product.refresh_from_db()
    doc = to_doc(product, certificate=None, categories=[], on=today())
    assert doc.in_stock is False
    assert doc.status is None


def test_the_database_document_of_a_gift_set_is_dated_by_its_components(gift):
    product, tea, honey = gift
    tea_cert, honey_cert = tea.certificates.get(), honey.certificates.get()
    honey_cert.valid_until = today() + timedelta(days=30)
    honey_cert.save()
    documents_db.refresh_sellable([product.pk])
    doc = ProductDocument.objects.get(product_id=product.pk)
    assert doc.sellable is True
    assert doc.valid_until == honey_cert.valid_until < tea_cert.valid_until
    assert doc.valid_from == max(tea_cert.valid_from, honey_cert.valid_from)
    assert doc.valid_until == min(tea_cert.valid_until, honey_cert.valid_until)

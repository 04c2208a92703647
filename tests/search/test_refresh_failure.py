"""A change committed (an order, a price, stock) is not undone in the shopper's eyes when the
search refresh that follows it fails: the request succeeds, the documents are rebuilt."""

from decimal import Decimal

import pytest
from django.db import OperationalError
from oscar.core.loading import get_model

from search import documents_db
from search.models import ProductDocument
from tests.factories import sellable_product

StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def test_a_failed_flag_refresh_after_commit_does_not_fail_the_change(
    monkeypatch, django_capture_on_commit_callbacks, caplog
):
    honey = sellable_product(title="Mật ong bạc hà", price=300000, stock=5)
    documents_db.reindex([honey.pk])

    refresh_sellable = documents_db.refresh_sellable
    calls = []

    def deadlocked_once(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:  # the refresh right after the commit; the rebuild's own succeeds
            raise OperationalError("deadlock detected")
        return refresh_sellable(*args, **kwargs)

    monkeypatch.setattr(documents_db, "refresh_sellable", deadlocked_once)
    record = StockRecord.objects.get(product=honey)
    with django_capture_on_commit_callbacks(execute=True):
        record.num_in_stock = 0
        record.price = Decimal(310000)
        record.save()

    assert "not refreshed" in caplog.text
    # the background rebuild (inline here) still brings the document up to date
    document = ProductDocument.objects.get(product=honey)
    assert document.in_stock is False
    assert document.price == Decimal(310000)

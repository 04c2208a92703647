"""After a sync, search and cached product pages follow what the registry changed."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue_sync.service import run_sync

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


def record(status="active"):
    return {
        "certificate_no": "QN-2025-0001",
        "product_code": "QN-P-0001",
        "product_name": "Trà hoa vàng Ba Chẽ",
        "product_group": "beverage",
        "product_subgroup": "tea",
        "stars": 5,
        "score": 92,
        "issued_by": "national",
        "decision_no": "55/QĐ-BNN",
        "decision_date": "2025-09-01",
        "valid_from": "2025-09-01",
        "valid_until": "2028-08-31",
        "status": status,
        "status_changed_on": None if status == "active" else "2026-11-20",
        "status_reason": None if status == "active" else "Kiểm tra sau công nhận",
        "producer": {
            "producer_code": "QN-C-0001",
            "name": "Công ty CP Kinh doanh Lâm sản Đạp Thanh",
            "legal_form": "enterprise",
            "tax_code": None,
            "representative": None,
            "phone": None,
            "email": None,
            "address": {
                "street": None,
                "commune": "Xã Ba Chẽ",
                "district": None,
                "province": "Tỉnh Quảng Ninh",
            },
        },
        "updated_at": "2026-11-20T10:00:00+07:00"
        if status == "active"
        else "2026-11-21T10:00:00+07:00",
    }


def feed(tmp_path, status):
    path = tmp_path / f"feed-{status}.json"
    page = {
        "registry": {"authority": "UBND tỉnh Quảng Ninh", "province_code": "22"},
        "generated_at": "2026-11-23T02:00:00+07:00",
        "count": 1,
        "next": None,
        "results": [record(status)],
    }
    path.write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_search_and_cached_page_follow_a_sync(tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert run_sync(source=feed(tmp_path, "active"), full=True).outcome == "applied"
    product = Product.objects.get(title="Trà hoa vàng Ba Chẽ")
    # The producer lists and publishes it.
    with django_capture_on_commit_callbacks(execute=True):
        StockRecord.objects.filter(product=product).update(price=450000, num_in_stock=5)
        Product.objects.filter(pk=product.pk).update(is_public=True)
        product.refresh_from_db()
        product.save()
    found = Client().get(reverse("search:search"), {"q": "tra hoa vang"}).content.decode()
    assert "Trà hoa vàng Ba Chẽ" in found
    assert "450.000" in Client().get(product.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        run = run_sync(source=feed(tmp_path, "suspended"), full=True, force=True)
    assert run.outcome == "applied"
    assert run.counts["suspended"] == 1
    html = Client().get(product.get_absolute_url()).content.decode()
    assert "tạm đình chỉ" in html
    found = Client().get(reverse("search:search"), {"q": "tra hoa vang"}).content.decode()
    assert "Trà hoa vàng Ba Chẽ" not in found

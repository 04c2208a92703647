"""The demo gift baskets that `make run` loads (through load_demo)."""

import pytest
from oscar.core.loading import get_model

from shop.gifts.models import BoxType, GiftSet, Occasion
from shop.ocop.rules import sellable_products
from tests.catalogue_sync.test_demo import run_load_demo

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")


def counts():
    return (
        Occasion.objects.count(),
        BoxType.objects.count(),
        GiftSet.objects.count(),
        Product.objects.count(),
    )


def test_load_demo_creates_sellable_gift_sets_and_boxes_once():
    run_load_demo()
    assert set(Occasion.objects.values_list("name", flat=True)) == {
        "Tết 2027",
        "Trung thu",
        "Quà doanh nghiệp",
    }
    assert sorted(BoxType.objects.values_list("size", flat=True)) == [3, 5, 8]
    prices = sorted(int(b.product.stockrecords.get().price) for b in BoxType.objects.all())
    assert prices == [60000, 90000, 150000]
    sets = GiftSet.objects.select_related("product")
    assert 4 <= sets.count() <= 6
    sellable = sellable_products(Product.objects.filter(gift_set__isnull=False))
    assert sellable.count() == sets.count()
    assert sets.exclude(curator_partner=None).count() == 1
    curated = sets.exclude(curator_partner=None).get()
    assert {c.product.stockrecords.get().partner for c in curated.components.all()} == {
        curated.curator_partner
    }
    assert all(s.product.images.exists() for s in sets)
    assert sets.get(product__title="Giỏ quà Tết Sum vầy").occasions.filter(slug="tet-2027")

    before = counts()
    run_load_demo("--skip-sync")
    assert counts() == before

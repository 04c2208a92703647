"""A producer adds pack sizes (Oscar child products with its stock record) to its own
listing and edits or unpublishes them; certified fields never change; another producer's
ids are 404s."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.ocop.rules import check_product

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def add(client, product, **data):
    payload = {"pack": "Hộp 500 g", "price": "650000", "num_in_stock": "4", "is_public": "on"}
    payload.update(data)
    return client.post(reverse("producers:variant-add", args=[product.pk]), payload)


def test_first_variant_turns_the_listing_into_pack_sizes(client_a, side_a, client):
    product, record = side_a.product, side_a.stockrecord
    page = client_a.get(reverse("producers:product-edit", args=[product.pk])).content.decode()
    assert reverse("producers:variant-add", args=[product.pk]) in page
    # The single offer needs a name first.
    refused = add(client_a, product)
    assert refused.status_code == 400 and "Quy cách của loại đang bán" in refused.content.decode()
    product.refresh_from_db()
    assert product.is_standalone and not product.children.exists()

    response = add(client_a, product, current_pack="Hộp 200 g", title="Đổi tên", stars="5")
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.is_parent and product.title == "Chè búp Tân Cương"  # certified, unchanged
    small, big = product.children.order_by("pk")
    assert (small.title, big.title) == ("Hộp 200 g", "Hộp 500 g")
    record.refresh_from_db()
    assert record.product == small and record.price == 350000  # the old offer moved
    new = StockRecord.objects.get(product=big)
    assert (new.partner, new.price, new.num_in_stock) == (side_a.partner, 650000, 4)
    assert check_product(product=big).sellable and check_product(product=small).sellable
    page = client_a.get(reverse("producers:product-edit", args=[product.pk])).content.decode()
    assert "Hộp 500 g" in page and "650.000" in page and "650000" not in page
    listing = client_a.get(reverse("producers:product-list")).content.decode()
    assert "2 loại · giá và tồn kho theo từng loại" in listing
    # The storefront offers both pack sizes.
    shop = client.get(product.get_absolute_url()).content.decode()
    assert "Hộp 200 g" in shop and "Hộp 500 g" in shop


def test_edit_and_unpublish_a_variant(client_a, side_a):
    product = side_a.product
    add(client_a, product, current_pack="Hộp 200 g")
    big = product.children.get(title="Hộp 500 g")
    url = reverse("producers:variant-edit", args=[product.pk, big.pk])
    assert 'value="650000"' in client_a.get(url).content.decode()
    response = client_a.post(
        url, {"pack": "Hộp 500 g", "price": "620000", "num_in_stock": "9", "weight_grams": "550"}
    )
    assert response.status_code == 302
    big.refresh_from_db()
    record = StockRecord.objects.get(product=big)
    assert (record.price, record.num_in_stock) == (620000, 9)
    assert big.is_public is False  # the box was unticked: not on sale
    verdict = check_product(product=big)
    assert not verdict.sellable and verdict.code == "unpublished"
    # Bad input: clear error, nothing saved.
    bad = client_a.post(url, {"pack": "Hộp 500 g", "price": "5", "num_in_stock": "-1"})
    assert bad.status_code == 400
    record.refresh_from_db()
    assert (record.price, record.num_in_stock) == (620000, 9)
    duplicate = client_a.post(
        url, {"pack": "hộp 200 g", "price": "620000", "num_in_stock": "9", "is_public": "on"}
    )
    assert duplicate.status_code == 400 and "đã có loại này" in duplicate.content.decode()


def test_another_producer_cannot_touch_the_variants(client, side_a, side_b, client_a):
    add(client_a, side_a.product, current_pack="Hộp 200 g")
    a_child = side_a.product.children.get(title="Hộp 200 g")
    client.force_login(side_b.user)
    # A's listing in B's session: 404 for the add form and the edit form, GET and POST.
    assert client.get(reverse("producers:variant-add", args=[side_a.product.pk])).status_code == 404
    assert add(client, side_a.product).status_code == 404
    edit_url = reverse("producers:variant-edit", args=[side_a.product.pk, a_child.pk])
    assert client.get(edit_url).status_code == 404
    posted = {"pack": "X", "price": "1000", "num_in_stock": "1", "is_public": "on"}
    assert client.post(edit_url, posted).status_code == 404
    # A's variant id under B's own listing: still 404.
    crossed = reverse("producers:variant-edit", args=[side_b.product.pk, a_child.pk])
    assert client.post(crossed, posted).status_code == 404
    a_child.refresh_from_db()
    assert a_child.title == "Hộp 200 g"
    assert side_a.product.children.count() == 2
    # Not signed in: to the sign-in page; staff are not producers: 403.
    client.logout()
    assert client.get(edit_url).status_code == 302

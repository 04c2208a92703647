from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from shop.ocop.models import CertificateStatus

pytestmark = pytest.mark.django_db


def edit(client, product, **data):
    payload = {"price": "350000", "num_in_stock": "10", "description": "", "is_public": "on"}
    payload.update(data)
    payload = {k: v for k, v in payload.items() if v is not None}
    return client.post(reverse("producers:product-edit", args=[product.pk]), payload)


def test_price_stock_description_weight_saved_and_shown_in_shop(client_a, side_a, client):
    response = edit(
        client_a,
        side_a.product,
        price="420000",
        num_in_stock="7",
        description="Chè hái tay, sao bằng chảo gang.",
        weight_grams="500",
    )
    assert response.status_code == 302
    side_a.stockrecord.refresh_from_db()
    assert (side_a.stockrecord.price, side_a.stockrecord.num_in_stock) == (420000, 7)
    side_a.product.refresh_from_db()
    assert side_a.product.description == "<p>Chè hái tay, sao bằng chảo gang.</p>"
    assert side_a.product.attr.weight == 0.5
    client_a.logout()
    page = client_a.get(side_a.product.get_absolute_url())
    assert "420.000" in page.content.decode()


def test_certified_fields_are_not_editable(client_a, side_a):
    cert = side_a.product.certificates.get()
    edit(client_a, side_a.product, title="Tên mới", stars="5", product_class="1")
    side_a.product.refresh_from_db()
    cert.refresh_from_db()
    assert side_a.product.title == "Chè búp Tân Cương"
    assert cert.stars == 4
    page = client_a.get(reverse("producers:product-edit", args=[side_a.product.pk]))
    assert 'name="title"' not in page.content.decode()


def test_price_must_be_whole_dong_and_positive(client_a, side_a):
    assert edit(client_a, side_a.product, price="-5").status_code == 400
    assert edit(client_a, side_a.product, price="1000.5").status_code == 400
    side_a.stockrecord.refresh_from_db()
    assert side_a.stockrecord.price == 350000


def test_unpublish_then_publish(client_a, side_a):
    edit(client_a, side_a.product, is_public=None)
    side_a.product.refresh_from_db()
    assert side_a.product.is_public is False
    page = client_a.get(reverse("producers:product-list")).content.decode()
    assert "Nhà sản xuất đang tạm ngừng bán sản phẩm này." in page
    edit(client_a, side_a.product)
    side_a.product.refresh_from_db()
    assert side_a.product.is_public is True


def test_publishing_needs_a_valid_certificate(client_a, side_a):
    side_a.product.is_public = False
    side_a.product.save()
    cert = side_a.product.certificates.get()
    cert.status = CertificateStatus.REVOKED
    cert.status_changed_on = timezone.localdate() - timedelta(days=1)
    cert.save()
    response = edit(client_a, side_a.product)
    assert response.status_code == 400
    assert "đã bị thu hồi" in response.content.decode()
    side_a.product.refresh_from_db()
    assert side_a.product.is_public is False


def test_publishing_needs_a_price(client_a, side_a):
    side_a.product.is_public = False
    side_a.product.save()
    response = edit(client_a, side_a.product, price="")
    assert response.status_code == 400
    assert "chưa có giá bán" in response.content.decode()
    side_a.product.refresh_from_db()
    assert side_a.product.is_public is False


def test_listing_shows_certificate_and_why_not_on_sale(client_a, side_a):
    cert = side_a.product.certificates.get()
    cert.valid_until = timezone.localdate() - timedelta(days=1)
    cert.save()
    html = client_a.get(reverse("producers:product-list")).content.decode()
    assert cert.certificate_no in html
    assert "★★★★" in html
    assert "đã hết hiệu lực" in html
    assert "Không bán" in html


def test_listing_shows_days_left(client_a, side_a):
    cert = side_a.product.certificates.get()
    cert.valid_until = timezone.localdate() + timedelta(days=30)
    cert.save()
    html = client_a.get(reverse("producers:home")).content.decode()
    assert "còn 30 ngày" in html
    assert "Đang bán" in html


def test_bulk_edit_changes_own_rows(client_a, side_a):
    data = {
        "sr-TOTAL_FORMS": "1",
        "sr-INITIAL_FORMS": "1",
        "sr-0-id": str(side_a.stockrecord.pk),
        "sr-0-price": "399000",
        "sr-0-num_in_stock": "3",
    }
    page = client_a.get(reverse("producers:bulk-edit"))
    assert "Chè búp Tân Cương" in page.content.decode()
    assert client_a.post(reverse("producers:bulk-edit"), data).status_code == 302
    side_a.stockrecord.refresh_from_db()
    assert (side_a.stockrecord.price, side_a.stockrecord.num_in_stock) == (399000, 3)


def test_portal_pages_render_on_a_phone_budget(client_a, side_a, django_assert_max_num_queries):
    for name in [
        "home",
        "product-list",
        "bulk-edit",
        "certificate-list",
        "statement",
        "order-list",
    ]:
        with django_assert_max_num_queries(15):
            assert client_a.get(reverse(f"producers:{name}")).status_code == 200, name


def test_description_is_plain_text_never_markup(client_a, side_a, client):
    edit(
        client_a,
        side_a.product,
        description='Chè ngon <script>alert("x")</script>\n\nPha ở 80°C & uống nóng.',
    )
    side_a.product.refresh_from_db()
    assert "<script>" not in side_a.product.description
    assert side_a.product.description.startswith("<p>Chè ngon &lt;script&gt;")
    page = client_a.get(reverse("producers:product-edit", args=[side_a.product.pk])).content
    assert "Pha ở 80°C &amp; uống nóng.</textarea>" in page.decode()
    assert 'value="350000"' in page.decode()
    client_a.logout()
    shop = client_a.get(side_a.product.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in shop


def test_listing_pages_do_not_grow_queries_per_product(
    client_a, side_a, django_assert_max_num_queries
):
    from tests.factories import sellable_product

    for n in range(12):
        product = sellable_product(title=f"Chè số {n}", producer=side_a.partner)
        product.images.create(caption="ảnh", display_order=0, original=f"p{n}.jpg")
    for name in ["home", "product-list", "bulk-edit"]:
        # The first view of a photo asks sorl-thumbnail's key-value store once (then cached).
        client_a.get(reverse(f"producers:{name}"))
        with django_assert_max_num_queries(15):
            assert client_a.get(reverse(f"producers:{name}")).status_code == 200, name


def test_variants_priced_through_bulk_edit(client_a, side_a, side_b):
    from tests.factories import CertificateFactory, ProductFactory, StockRecord

    parent = ProductFactory(title="Mật ong rừng", structure="parent")
    CertificateFactory(product=parent, producer=side_a.partner)
    child = ProductFactory(title="Hũ 500 g", structure="child", parent=parent, product_class=None)
    record = StockRecord.objects.create(
        product=child,
        partner=side_a.partner,
        partner_sku="MO-500",
        price=250000,
        num_in_stock=5,
    )
    page = client_a.get(reverse("producers:product-edit", args=[parent.pk])).content.decode()
    assert 'name="price"' not in page and 'name="description"' in page
    assert edit(client_a, parent, price=None, num_in_stock=None).status_code == 302
    assert not StockRecord.objects.filter(product=parent).exists()
    bulk = client_a.get(reverse("producers:bulk-edit")).content.decode()
    assert "Hũ 500 g" in bulk
    data = {
        "sr-TOTAL_FORMS": "2",
        "sr-INITIAL_FORMS": "2",
        "sr-0-id": str(side_a.stockrecord.pk),
        "sr-0-price": "350000",
        "sr-0-num_in_stock": "10",
        "sr-1-id": str(record.pk),
        "sr-1-price": "260000",
        "sr-1-num_in_stock": "9",
    }
    assert client_a.post(reverse("producers:bulk-edit"), data).status_code == 302
    record.refresh_from_db()
    assert (record.price, record.num_in_stock) == (260000, 9)


def test_bulk_edit_shows_whole_dong(client_a, side_a):
    html = client_a.get(reverse("producers:bulk-edit")).content.decode()
    assert 'value="350000"' in html and "350000.00" not in html

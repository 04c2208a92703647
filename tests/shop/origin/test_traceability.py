"""One QR for the label: /shop/ocop/san-pham/<pk>/?lo=<lot> opens the product's certificate
page with that batch, its raw-material areas on a map, and the OCOP status; the product page
shows the batch on sale now and where it comes from."""

from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from shop.ocop.rules import today
from shop.origin.models import OriginArea
from tests.factories import batch, sellable_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def honey():
    product = sellable_product(title="Mật ong hoa nhãn Hưng Yên")
    producer = product.certificates.get().producer
    area = OriginArea.objects.create(
        partner=producer,
        name="Vườn nhãn Khoái Châu",
        province_code="33",
        ward_code="12142",
        planting_code="VN-HY-0042",
        standard="vietgap",
        area_ha=Decimal("8.50"),
        latitude="20.83000",
        longitude="105.97000",
    )
    return product, area


def trace(client, product, lot=None):
    url = reverse("ocop:product-trace", args=[product.pk])
    response = client.get(url, {"lo": lot} if lot else {})
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    certificate = product.certificates.get()
    assert target.path == reverse("ocop:certificate", args=[certificate.certificate_no])
    return client.get(response["Location"]).content.decode()


def test_the_label_qr_opens_the_certificate_page_with_its_batch_and_area_on_a_map(honey):
    product, area = honey
    old = batch(
        product,
        lot="MN-2605",
        produced_on=today() - timedelta(days=200),
        best_before=today() - timedelta(days=5),
        area=area,
    )
    batch(product, lot="MN-2611", best_before=today() + timedelta(days=300), area=area)
    html = trace(Client(), product, "MN-2611")
    assert "Lô sản xuất MN-2611" in html
    assert (today() + timedelta(days=300)).strftime("%d/%m/%Y") in html
    assert "Vườn nhãn Khoái Châu" in html and "VN-HY-0042" in html and "VietGAP" in html
    assert "8,5 ha" in html  # Vietnamese decimal comma, no trailing zero
    assert 'src="https://www.openstreetmap.org/export/embed.html?' in html
    assert "mlat=20.83000" in html  # the link to a full map
    assert "Còn hiệu lực" in html  # the OCOP status, as ever
    assert "quá hạn sử dụng" not in html
    # The QR on this page names the same lot, so a reprinted label keeps it.
    assert "?lo=MN-2611" in html

    html = trace(Client(), product, old.lot_number)
    assert "Lô này đã quá hạn sử dụng" in html


def test_an_unknown_lot_says_so_and_still_shows_the_certificate(honey):
    product, _ = honey
    batch(product, lot="MN-2611")
    html = trace(Client(), product, "KHONG-CO")
    assert "Không tìm thấy lô «KHONG-CO»" in html
    assert "Còn hiệu lực" in html
    assert "Lô sản xuất" not in html


def test_an_area_without_coordinates_has_no_map(honey):
    product, area = honey
    OriginArea.objects.filter(pk=area.pk).update(latitude=None, longitude=None)
    area.products.add(product)
    html = trace(Client(), product)
    assert "Vườn nhãn Khoái Châu" in html
    assert "openstreetmap" not in html


def test_the_product_page_shows_the_batch_on_sale_now_and_its_origin(honey):
    product, area = honey
    batch(product, lot="CU", best_before=today() - timedelta(days=1), area=area)
    batch(product, lot="SOM", best_before=today() + timedelta(days=20))
    batch(product, lot="MUON", best_before=today() + timedelta(days=200))
    html = Client().get(product.get_absolute_url()).content.decode()
    assert "product-page__origin" in html
    # The batch sold now is the first in date to run out, not an expired one.
    assert "Lô sản xuất SOM" in html and "Lô sản xuất CU" not in html
    assert (today() + timedelta(days=20)).strftime("%d/%m/%Y") in html
    assert "Vườn nhãn Khoái Châu" not in html  # only the expired batch came from there
    area.products.add(product)  # linked: shown, and the cached page follows
    html = Client().get(product.get_absolute_url()).content.decode()
    assert "Vườn nhãn Khoái Châu" in html
    assert "openstreetmap.org/export" not in html  # no map iframe on the product page


def test_a_product_without_origin_shows_no_empty_section():
    product = sellable_product()
    html = Client().get(product.get_absolute_url()).content.decode()
    assert "product-page__origin" not in html

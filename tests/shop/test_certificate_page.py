"""The public certificate page, the product page and the basket say why a product is not on sale."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from oscar.core.loading import get_model

from shop.ocop.models import CertificateEvent
from shop.ocop.rules import today
from tests.factories import sellable_product

Basket = get_model("basket", "Basket")
pytestmark = pytest.mark.django_db


def test_certificate_page_shows_product_producer_stars_validity_and_qr(client):
    product = sellable_product(title="Chè búp tím Thanh Ba")
    certificate = product.certificates.get()
    CertificateEvent.objects.create(
        certificate=certificate, kind="recorded", on=certificate.valid_from
    )
    url = reverse("ocop:certificate", kwargs={"certificate_no": certificate.certificate_no})
    html = client.get(url).content.decode()
    assert "Chè búp tím Thanh Ba" in html
    assert certificate.producer.name in html
    assert "OCOP 4 sao" in html
    assert "Còn hiệu lực" in html
    assert certificate.valid_until.strftime("%d/%m/%Y") in html
    assert "<svg" in html  # the QR code for the label
    assert "Đối chiếu với hệ thống OCOP" in html
    assert "Ghi nhận lần đầu" in html
    assert product.get_absolute_url() in html


@pytest.mark.parametrize(
    ("change", "label"),
    [
        ({"status": "revoked", "status_reason": "Không duy trì chất lượng"}, "Bị thu hồi"),
        ({"status": "suspended"}, "Tạm đình chỉ"),
    ],
)
def test_certificate_page_states(client, change, label):
    product = sellable_product()
    certificate = product.certificates.get()
    type(certificate).objects.filter(pk=certificate.pk).update(**change)
    html = client.get(
        reverse("ocop:certificate", args=[certificate.certificate_no])
    ).content.decode()
    assert label in html
    if "status_reason" in change:
        assert change["status_reason"] in html


def test_expired_certificate_page_and_unknown_number(client):
    product = sellable_product(valid_until=today() - timedelta(days=2))
    certificate = product.certificates.get()
    html = client.get(
        reverse("ocop:certificate", args=[certificate.certificate_no])
    ).content.decode()
    assert "Hết hiệu lực" in html
    assert client.get(reverse("ocop:certificate", args=["KHONG-CO-123"])).status_code == 404


def test_product_page_of_a_lapsed_product_says_why_and_cannot_be_bought(client):
    product = sellable_product(title="Rượu làng Vân", valid_until=today() - timedelta(days=1))
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200  # it does not vanish
    html = response.content.decode()
    assert "đã hết hiệu lực" in html
    assert reverse("basket:add", kwargs={"pk": product.pk}) not in html
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, follow=True
    )
    assert Basket.objects.filter(lines__product=product).count() == 0


def test_basket_line_whose_certificate_lapses_is_flagged_and_blocks_checkout(client):
    product = sellable_product(title="Mật ong bạc hà Mèo Vạc")
    last_day = product.certificates.get().valid_until
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert response.status_code == 302
    with time_machine.travel(last_day + timedelta(days=1, hours=1)):
        html = client.get(reverse("basket:summary")).content.decode()
        assert "không còn bán được" in html
        assert "hết hiệu lực" in html
        response = client.get(reverse("checkout:index"))
        assert response.status_code == 302
        assert response["Location"].endswith(reverse("basket:summary"))

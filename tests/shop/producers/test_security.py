"""Producer A never sees or changes producer B's things, whatever the URL or form says."""

import pytest
from django.urls import reverse

from shop.producers.models import Shipment

pytestmark = pytest.mark.django_db


def test_every_object_url_of_another_producer_is_404(client_a, side_b, mixed_order):
    b_image = side_b.product.images.create(caption="b", display_order=0, original="x.jpg")
    b_cert = side_b.product.certificates.get()
    urls = [
        ("get", reverse("producers:product-edit", args=[side_b.product.pk])),
        ("post", reverse("producers:product-edit", args=[side_b.product.pk])),
        ("post", reverse("producers:photo-upload", args=[side_b.product.pk])),
        ("post", reverse("producers:photo-delete", args=[side_b.product.pk, b_image.pk])),
        ("post", reverse("producers:certificate-report", args=[b_cert.pk])),
    ]
    for method, url in urls:
        response = getattr(client_a, method)(
            url, {"price": 1000, "num_in_stock": 1, "message": "Sai tên sản phẩm của họ"}
        )
        assert response.status_code == 404, url
    side_b.stockrecord.refresh_from_db()
    assert side_b.stockrecord.price == 185000
    assert side_b.product.images.filter(pk=b_image.pk).exists()


def test_image_of_another_product_through_own_product_url_is_404(client_a, side_a, side_b):
    b_image = side_b.product.images.create(caption="b", display_order=0, original="x.jpg")
    url = reverse("producers:photo-delete", args=[side_a.product.pk, b_image.pk])
    assert client_a.post(url).status_code == 404
    assert side_b.product.images.filter(pk=b_image.pk).exists()


def test_order_of_only_another_producer_is_404(client_a, side_b):
    from .conftest import place_order

    order_b = place_order((side_b.product, 1))
    url = reverse("producers:order-detail", args=[order_b.number])
    assert client_a.get(url).status_code == 404
    assert client_a.post(url, {"status": "packed"}).status_code == 404
    assert Shipment.objects.get(order=order_b).status == "pending"
    assert (
        f"Đơn {order_b.number}"
        not in client_a.get(reverse("producers:order-list")).content.decode()
    )


def test_mixed_order_shows_only_own_lines(client_a, side_a, side_b, mixed_order):
    page = client_a.get(reverse("producers:order-detail", args=[mixed_order.number]))
    html = page.content.decode()
    assert page.status_code == 200
    assert side_a.product.title in html
    assert side_b.product.title not in html
    assert "185.000" not in html  # B's price
    assert "Số 5 ngõ 12 phố Huế" in html  # what A needs to ship
    # Updating A's shipment leaves B's untouched.
    client_a.post(
        reverse("producers:order-detail", args=[mixed_order.number]),
        {"status": "shipped", "carrier": "VNPost", "tracking_number": "EB123456789VN"},
    )
    assert Shipment.objects.get(order=mixed_order, partner=side_a.partner).status == "shipped"
    assert Shipment.objects.get(order=mixed_order, partner=side_b.partner).status == "pending"


def test_bulk_edit_refuses_another_producers_stockrecord_id(client_a, side_a, side_b):
    data = {
        "sr-TOTAL_FORMS": "1",
        "sr-INITIAL_FORMS": "1",
        "sr-0-id": str(side_b.stockrecord.pk),
        "sr-0-price": "1000",
        "sr-0-num_in_stock": "0",
    }
    response = client_a.post(reverse("producers:bulk-edit"), data)
    assert response.status_code == 400
    side_b.stockrecord.refresh_from_db()
    assert (side_b.stockrecord.price, side_b.stockrecord.num_in_stock) == (185000, 10)


def test_bulk_edit_cannot_create_rows(client_a, side_a, side_b):
    data = {
        "sr-TOTAL_FORMS": "2",
        "sr-INITIAL_FORMS": "1",
        "sr-0-id": str(side_a.stockrecord.pk),
        "sr-0-price": "360000",
        "sr-0-num_in_stock": "4",
        "sr-1-id": "",
        "sr-1-price": "1000",
        "sr-1-num_in_stock": "1",
    }
    before = side_a.stockrecord.__class__.objects.count()
    client_a.post(reverse("producers:bulk-edit"), data)
    assert side_a.stockrecord.__class__.objects.count() == before


@pytest.mark.parametrize(
    "url",
    [
        "/dashboard/catalogue/",
        "/dashboard/catalogue/products/create/",
        "/dashboard/orders/",
        "/dashboard/orders/statistics/",
        "/dashboard/partners/",
        "/dashboard/users/",
        "/dashboard/ocop/syncs/",
        "/dashboard/producer/staff/invite/",
        "/dashboard/producer/staff/payouts/",
    ],
)
def test_producer_cannot_reach_other_dashboard_areas(client_a, url):
    response = client_a.get(url)
    # Oscar answers a signed-in user without permission with 403 or a redirect to login.
    assert response.status_code in (302, 403), url
    if response.status_code == 302:
        assert "login" in response["Location"]


def test_oscar_order_detail_of_mixed_order_is_closed_to_producers(client_a, mixed_order):
    response = client_a.get(f"/dashboard/orders/{mixed_order.number}/")
    assert response.status_code in (302, 403)
    assert "Nước mắm" not in response.content.decode()


def test_producer_cannot_reach_wagtail_or_django_admin(client_a):
    wagtail = client_a.get("/cms/")
    assert wagtail.status_code in (302, 403)
    assert "/cms/login/" in wagtail.get("Location", "/cms/login/")
    admin = client_a.get("/django-admin/")
    assert admin.status_code == 302 and "login" in admin["Location"]


def test_dashboard_index_is_the_portal_home_for_producers(client_a, side_a, side_b, mixed_order):
    response = client_a.get("/dashboard/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hợp tác xã Chè Tân Cương" in html and side_a.product.title in html
    # Oscar's index sums whole orders; nothing of producer B's line may show.
    assert side_b.product.title not in html and "185.000" not in html and "885.000" not in html


def test_portal_needs_a_producer_user(client, side_a, django_user_model):
    home = reverse("producers:home")
    assert client.get(home).status_code == 302  # anonymous → sign in
    shopper = django_user_model.objects.create_user("k", "k@example.vn", "x")
    client.force_login(shopper)
    assert client.get(home).status_code == 403
    # Linked to a producer but without dashboard access: still no.
    side_a.partner.users.add(shopper)
    assert client.get(home).status_code == 403


def test_staff_pages_need_staff(client, side_a):
    client.force_login(side_a.user)
    assert client.get(reverse("producers:staff-payouts")).status_code == 403
    assert (
        client.post(
            reverse("producers:staff-invite"), {"partner": side_a.partner.pk, "email": "x@y.vn"}
        ).status_code
        == 403
    )

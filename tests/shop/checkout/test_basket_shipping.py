"""The basket page shows the shipping charge per producer for the province chosen there
(remembered in the session) or the signed-in shopper's default address; otherwise it says
the charge is worked out at the delivery step."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from .conftest import add_to_basket

UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db


def basket_html(client):
    response = client.get(reverse("basket:summary"))
    assert response.status_code == 200
    return response.content.decode()


def test_without_a_province_the_charge_comes_at_the_delivery_step(client, products):
    tea, cake = products
    add_to_basket(client, tea)
    html = basket_html(client)
    assert "tính ở bước giao hàng" in html
    assert 'class="basket-shipment"' not in html
    assert 'name="province"' in html and "Thành phố Hà Nội" in html  # the select, 34 provinces


def test_chosen_province_shows_one_charge_per_producer_and_is_remembered(
    client, products, django_assert_max_num_queries
):
    tea, cake = products
    add_to_basket(client, tea)
    add_to_basket(client, cake)
    with django_assert_max_num_queries(60) as captured:
        basket_html(client)
    without_province = len(captured.captured_queries)
    response = client.post(reverse("checkout:basket-province"), {"province": "01"})
    assert response.status_code == 302 and response["Location"] == reverse("basket:summary")
    # The estimate costs a few queries per producer, not a page's worth.
    with django_assert_max_num_queries(without_province + 8):
        html = basket_html(client)
    assert html.count('class="basket-shipment"') == 2
    assert "Gửi từ HTX Gà Đông Tảo" in html and "Gửi từ Cơ sở Bánh pía Sài Gòn" in html
    # Bắc Ninh → Hà Nội same region 0,5 kg: 30.000 ₫; Sài Gòn → Hà Nội 1,6 kg: 48.000 ₫.
    assert "30.000\u00a0₫" in html or "30.000 ₫" in html
    assert "48.000" in html and "78.000" in html
    assert "Tổng phí giao đến Thành phố Hà Nội" in html
    assert 'value="01" selected' in html
    # The basket totals use the same province: 470.000 ₫ goods + 78.000 ₫ shipping.
    assert "548.000" in html
    # Another province changes the charges; an unknown code is refused.
    client.post(reverse("checkout:basket-province"), {"province": "79"})
    html = basket_html(client)
    assert "Tổng phí giao đến Thành phố Hồ Chí Minh" in html
    assert "548.000" not in html
    assert client.post(reverse("checkout:basket-province"), {"province": "999"}).status_code == 400
    client.post(reverse("checkout:basket-province"), {"province": ""})
    assert "tính ở bước giao hàng" in basket_html(client)


def test_signed_in_shopper_default_address_province_is_used(client, products, django_user_model):
    from shop.addresses import wards

    tea, _ = products
    user = django_user_model.objects.create_user(
        username="k@example.vn", email="k@example.vn", password="mật-khẩu-2026-dài"
    )
    UserAddress.objects.create(
        user=user,
        first_name="Hoa",
        line1="1 Lê Lợi",
        province_code="79",
        ward_code=wards("79")[0].code,
        phone_number="+84912345678",
        country=Country.objects.get(iso_3166_1_a2="VN"),
        is_default_for_shipping=True,
    )
    client.force_login(user)
    add_to_basket(client, tea)
    html = basket_html(client)
    assert "Tổng phí giao đến Thành phố Hồ Chí Minh" in html
    assert html.count('class="basket-shipment"') == 1


def test_basket_totals_never_show_a_zero_shipping_charge_before_the_province_is_known(
    client, products
):
    tea, _cake = products
    add_to_basket(client, tea)
    html = basket_html(client)
    assert "Tạm tính" in html and "chưa gồm phí giao hàng" in html
    # Oscar's row "<shipping method> 0 ₫" is not there
    assert "Giao hàng từ từng nhà sản xuất" not in html

    client.post(reverse("checkout:basket-province"), {"province": "01"})
    html = basket_html(client)
    assert "chưa gồm phí giao hàng" not in html
    assert "Giao hàng từ từng nhà sản xuất" in html and "Tổng thanh toán" in html

"""Decree 13/2023: consent at sign-up (required) and for marketing (separate, unticked,
withdrawable), data download as JSON, account deletion that keeps orders anonymised."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from shop.customer.models import Consent

from .conftest import place

Order = get_model("order", "Order")
User = get_user_model()

pytestmark = pytest.mark.django_db


def register(client, **extra):
    data = {
        "email": "moi@example.vn",
        "password1": "Ch0-ocop-2026!",
        "password2": "Ch0-ocop-2026!",
    }
    data.update(extra)
    return client.post(reverse("customer:register"), data)


def test_sign_up_needs_data_consent_and_marketing_is_separate(client):
    page = client.get(reverse("customer:register")).content.decode()
    assert 'name="data_consent"' in page and 'name="marketing_consent"' in page
    assert 'name="marketing_consent" checked' not in page
    refused = register(client)
    assert refused.status_code == 200 and not User.objects.exists()
    assert register(client, data_consent="on").status_code == 302
    consent = Consent.objects.get(user__email="moi@example.vn")
    assert consent.data_processing_at is not None and consent.marketing is False


def test_marketing_consent_can_be_withdrawn(client):
    register(client, data_consent="on", marketing_consent="on")
    user = User.objects.get()
    assert user.consent.marketing is True
    client.force_login(user)
    response = client.post(reverse("customer:privacy"), {})
    assert response.status_code == 302
    user.consent.refresh_from_db()
    assert user.consent.marketing is False and user.consent.marketing_changed_at


def test_download_and_delete_keep_orders_anonymised(client, products, address):
    register(client, data_consent="on")
    user = User.objects.get()
    client.force_login(user)
    tea, _ = products
    client.post(reverse("basket:add", kwargs={"pk": tea.pk}), {"quantity": 1})
    client.post(reverse("checkout:shipping-address"), address)
    client.get(reverse("checkout:shipping-method"))
    place(client, is_gift="on", gift_message="Tặng bố")

    data = json.loads(client.get(reverse("customer:privacy-export")).content)
    assert data["account"]["email"] == "moi@example.vn"
    assert data["orders"][0]["shipping_address"]["recipient"] == "Nguyễn Thị Hoa"
    assert data["orders"][0]["lines"] == [{"title": "Chè búp Tân Cương", "quantity": 1}]

    assert client.post(reverse("customer:privacy-delete"), {"confirm": "no"}).status_code == 302
    assert User.objects.exists()
    client.post(reverse("customer:privacy-delete"), {"confirm": "XOA"})
    assert not User.objects.exists()
    order = Order.objects.get()
    assert order.user is None and order.guest_email == "" and order.gift_message == ""
    assert order.shipping_address.first_name == "(đã xóa)"
    assert order.shipping_address.phone_number in (None, "")
    assert order.total_incl_tax > 0 and order.lines.count() == 1


def _signed_in_checkout(client, products, address, **extra):
    tea, _ = products
    client.post(reverse("basket:add", kwargs={"pk": tea.pk}), {"quantity": 1})
    client.post(reverse("checkout:shipping-address"), address)
    client.get(reverse("checkout:shipping-method"))
    place(client, **extra)


def test_marketing_consent_at_checkout_goes_to_the_account_and_can_be_withdrawn(
    client, products, address
):
    register(client, data_consent="on")  # no marketing at sign-up
    user = User.objects.get()
    client.force_login(user)
    assert user.consent.marketing is False
    _signed_in_checkout(client, products, address, marketing_consent="on")
    order = Order.objects.get()
    assert order.user == user and order.marketing_consent is True
    consent = Consent.objects.get(user=user)
    assert consent.marketing is True and consent.marketing_changed_at is not None
    page = client.get(reverse("customer:privacy")).content.decode()
    assert 'name="marketing" checked' in page or ('name="marketing"' in page and "checked" in page)
    # Withdrawn in the account: a later order without the box does not switch it back on.
    client.post(reverse("customer:privacy"), {})
    consent.refresh_from_db()
    assert consent.marketing is False
    _signed_in_checkout(client, products, address)
    consent.refresh_from_db()
    assert consent.marketing is False


def test_unticked_box_at_checkout_leaves_the_accounts_consent(client, products, address):
    register(client, data_consent="on", marketing_consent="on")
    user = User.objects.get()
    client.force_login(user)
    _signed_in_checkout(client, products, address)
    assert Consent.objects.get(user=user).marketing is True


def test_guest_checkout_consent_stays_on_the_order(client, checkout, products):
    tea, _ = products
    checkout((tea, 1))
    place(client, marketing_consent="on")
    assert Order.objects.get().marketing_consent is True
    assert not Consent.objects.exists()

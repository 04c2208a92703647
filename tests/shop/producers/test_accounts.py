from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from shop.producers.models import Invitation

pytestmark = pytest.mark.django_db


def test_staff_invite_link_sets_password_and_lands_in_portal(client, admin_user, side_a):
    client.force_login(admin_user)
    response = client.post(
        reverse("producers:staff-invite"), {"partner": side_a.partner.pk, "email": "Moi@Example.vn"}
    )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["moi@example.vn"]
    invitation = Invitation.objects.get()
    link = reverse("producers:accept-invitation", args=[invitation.token])
    assert link in mail.outbox[-1].body
    client.logout()

    page = client.get(link)
    assert "Hợp tác xã Chè Tân Cương" in page.content.decode()
    response = client.post(
        link, {"first_name": "Hoa", "password1": "Chè-xanh-2026!", "password2": "Chè-xanh-2026!"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("producers:home")
    home = client.get(reverse("producers:home"))
    assert home.status_code == 200 and "Chè búp Tân Cương" in home.content.decode()
    # The password works for signing in later.
    client.logout()
    client.post(
        reverse("dashboard:login"), {"username": "moi@example.vn", "password": "Chè-xanh-2026!"}
    )
    assert client.get(reverse("producers:home")).status_code == 200
    # The link works once.
    assert client.get(link).status_code == 410


def test_expired_invitation_refused(client, side_a):
    invitation = Invitation.objects.create(
        partner=side_a.partner, email="x@example.vn", expires_at=timezone.now() - timedelta(1)
    )
    link = reverse("producers:accept-invitation", args=[invitation.token])
    response = client.post(link, {"password1": "Chè-xanh-2026!", "password2": "Chè-xanh-2026!"})
    assert response.status_code == 410
    assert "hết hạn" in response.content.decode()


def test_weak_or_mismatched_password_refused(client, side_a):
    invitation = Invitation.objects.create(
        partner=side_a.partner, email="x@example.vn", expires_at=timezone.now() + timedelta(1)
    )
    link = reverse("producers:accept-invitation", args=[invitation.token])
    assert client.post(link, {"password1": "12345678", "password2": "12345678"}).status_code == 400
    assert (
        client.post(link, {"password1": "Chè-xanh-2026!", "password2": "khác"}).status_code == 400
    )
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_unknown_token_404(client):
    assert client.get(reverse("producers:accept-invitation", args=["nope"])).status_code == 404

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def limited(settings):
    settings.LOGIN_RATE_LIMIT = {"per_email": 3, "per_ip": 10, "window": 900}


def test_dashboard_login_blocked_after_failures_then_429(client, side_a, limited):
    url = reverse("dashboard:login")
    for _ in range(3):
        response = client.post(url, {"username": "a@example.vn", "password": "sai"})
        assert response.status_code == 200  # the form again, with its error
    response = client.post(url, {"username": "a@example.vn", "password": "mật-khẩu-đủ-dài-2026"})
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address from the same IP is not blocked yet.
    other = client.post(url, {"username": "b@example.vn", "password": "sai"})
    assert other.status_code == 200


def test_shop_login_counts_too(client, side_a, limited):
    url = reverse("customer:login")
    for _ in range(3):
        client.post(
            url, {"login-username": "a@example.vn", "login-password": "sai", "login_submit": "1"}
        )
    response = client.post(
        url, {"login-username": "a@example.vn", "login-password": "x", "login_submit": "1"}
    )
    assert response.status_code == 429


def test_success_clears_the_counter(client, side_a, limited):
    from .conftest import PASSWORD

    url = reverse("dashboard:login")
    for _ in range(2):
        client.post(url, {"username": "a@example.vn", "password": "sai"})
    ok = client.post(url, {"username": "a@example.vn", "password": PASSWORD})
    assert ok.status_code == 302
    client.logout()
    for _ in range(2):
        assert client.post(url, {"username": "a@example.vn", "password": "sai"}).status_code == 200


@pytest.mark.parametrize("url", ["/django-admin/login/", "/cms/login/"])
def test_admin_and_cms_logins_are_limited_too(client, side_a, limited, url):
    for _ in range(3):
        assert client.post(url, {"username": "a@example.vn", "password": "sai"}).status_code == 200
    assert client.post(url, {"username": "a@example.vn", "password": "sai"}).status_code == 429


def test_per_ip_ceiling_across_addresses(client, limited, settings):
    settings.LOGIN_RATE_LIMIT = {"per_email": 100, "per_ip": 4, "window": 900}
    url = reverse("dashboard:login")
    for n in range(4):
        client.post(url, {"username": f"u{n}@example.vn", "password": "sai"})
    assert client.post(url, {"username": "new@example.vn", "password": "x"}).status_code == 429

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


# ---------------------------------------------------------------- behind a reverse proxy


def _fail(client, ip, forwarded=None, email="a@example.vn"):
    extra = {"REMOTE_ADDR": ip}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("dashboard:login"), {"username": email, "password": "sai"}, **extra)


def test_forwarded_for_is_ignored_without_trusted_proxies(client, side_a, limited, settings):
    settings.TRUSTED_PROXIES = []
    # An attacker rotating the header does not escape the limit: REMOTE_ADDR is counted.
    for n in range(3):
        assert _fail(client, "203.0.113.9", forwarded=f"198.51.100.{n}").status_code == 200
    assert _fail(client, "203.0.113.9", forwarded="198.51.100.77").status_code == 429


def test_behind_a_trusted_proxy_each_client_is_counted_apart(client, side_a, limited, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for _ in range(3):
        assert _fail(client, "10.0.0.2", forwarded="198.51.100.1").status_code == 200
    assert _fail(client, "10.0.0.2", forwarded="198.51.100.1").status_code == 429
    # Another shopper behind the same proxy is not blocked by the first one's failures.
    assert _fail(client, "10.0.0.2", forwarded="198.51.100.2").status_code == 200


def test_spoofed_left_entries_do_not_change_the_counted_address(client, side_a, limited, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    # The client prepends made-up addresses; the proxy appends the real one on the right.
    for n in range(3):
        forwarded = f"1.2.3.{n}, 198.51.100.5"
        assert _fail(client, "10.0.0.2", forwarded=forwarded).status_code == 200
    assert _fail(client, "10.0.0.2", forwarded="9.9.9.9, 198.51.100.5").status_code == 429


def test_client_ip_walks_past_trusted_hops(rf, settings):
    from shop.producers.ratelimit import client_ip

    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.168.1.1"]
    request = rf.get("/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.7, 192.168.1.1")
    assert client_ip(request) == "203.0.113.7"
    untrusted = rf.get("/", REMOTE_ADDR="203.0.113.50", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(untrusted) == "203.0.113.50"
    garbage = rf.get("/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_ip(garbage) == "10.1.1.1"

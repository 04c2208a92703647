"""The skeleton a person meets first: one login for both admin interfaces, the URL map, the
Vietnamese defaults."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from shop.text import fold, slugify

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser(
        username="quantri", email="quantri@cho-ocop.vn", password="mat-khau-dai-2026"
    )


def test_one_login_opens_wagtail_oscar_and_django_admin(client, superuser):
    response = client.post(
        reverse("customer:login"),
        {
            "login-username": "quantri@cho-ocop.vn",
            "login-password": "mat-khau-dai-2026",
            "login_submit": "1",
        },
    )
    assert response.status_code == 302
    for url in ("/cms/", "/dashboard/", "/django-admin/"):
        assert client.get(url).status_code == 200, url


def test_anonymous_users_are_sent_to_log_in(client):
    for url in ("/cms/", "/dashboard/", "/django-admin/"):
        assert client.get(url).status_code == 302, url


def test_url_map():
    assert reverse("catalogue:index") == "/shop/catalogue/"
    assert reverse("basket:summary") == "/shop/basket/"
    assert reverse("checkout:index") == "/shop/checkout/"
    assert reverse("search:search") == "/shop/search/"
    assert reverse("customer:login") == "/shop/accounts/login/"
    assert reverse("dashboard:index") == "/dashboard/"
    assert reverse("ocop:certificate", args=["BN-2024-0153"]) == "/shop/ocop/BN-2024-0153/"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_vnd_has_no_decimals_and_dot_grouping_in_every_language(language):
    with translation.override(language):
        html = Template("{% load currency_filters %}{{ p|currency }}").render(
            Context({"p": Decimal("350000.00")})
        )
    assert html == "350.000\xa0₫"


def test_vietnamese_slugs_and_folding():
    assert slugify("Đường thốt nốt Trần Gia") == "duong-thot-not-tran-gia"
    assert fold("CHÈ BÚP XANH") == fold("che bup xanh")
    # NFD input (decomposed marks) folds the same as NFC.
    assert fold("Che\u0300 bu\u0301p") == "che bup"


def test_time_zone_and_language_defaults(settings):
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]


@override_settings(LANGUAGE_CODE="vi")
def test_language_switcher_switches_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/shop/basket/"})
    assert response.status_code == 302
    html = client.get("/shop/basket/").content.decode()
    assert 'lang="en"' in html


def _imports(folder):
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for path in (root / folder).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield path.relative_to(root), alias.name
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                yield path.relative_to(root), node.module


def test_dependencies_point_one_way():
    """shop imports none of cms, search, catalogue_sync; nothing imports catalogue_sync."""
    bad = [
        (str(path), module)
        for path, module in _imports("shop")
        if module.split(".")[0] in {"cms", "search", "catalogue_sync"}
    ]
    for folder in ("cms", "search", "config"):
        bad += [
            (str(path), module)
            for path, module in _imports(folder)
            if module.split(".")[0] == "catalogue_sync"
        ]
    assert bad == []


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_connections_run_without_jit():
    """Set per connection (config/settings/base.py): JIT compiling THE rule's subqueries costs
    more than running them, and a per-query SET would cost a savepoint each search."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"

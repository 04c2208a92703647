"""The Content-Security-Policy shoppers' pages are served with: the shop's own origin and
Stripe only, no inline scripts anywhere on the storefront."""

import re

import pytest
from django.urls import reverse

from tests.factories import sellable_product

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_storefront_pages_allow_only_self_and_stripe(client):
    product = sellable_product(title="Nước mắm Phú Quốc", price=150000)
    for url in ["/", product.get_absolute_url(), reverse("basket:summary"), "/shop/search/?q=mam"]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        policy = directives(response)
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'", "https://js.stripe.com"], url
        assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
        assert "https://api.stripe.com" in policy["connect-src"]
        html = response.content.decode()
        # No inline script or event handler would run under it, so none may be there.
        inline = [
            s
            for s in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
            if "application/ld+json" not in s and "application/json" not in s
        ]
        assert inline == [], (url, inline)
        assert not re.search(r"\son(change|click|submit|load)=", html), url


def test_staff_admin_areas_are_left_out(admin_client):
    response = admin_client.get("/cms/")
    assert "Content-Security-Policy" not in response

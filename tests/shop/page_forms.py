"""Posting a form the way a visitor's browser does, from a page served from the stores
(its CSRF token put in for this visitor, never the stored placeholder)."""

from django.urls import reverse


def page_token(html: str) -> str:
    """The first CSRF token in ``html``, checked to be a visitor's own."""
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token != "__CSRF_TOKEN_PLACEHOLDER__"
    return token


def add_to_basket(client, product, html: str, quantity: int = 1):
    """``client`` adds ``product`` with the token of the page ``html`` it was shown."""
    return client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": quantity, "csrfmiddlewaretoken": page_token(html)},
    )

"""Shopper pages speak Vietnamese: Oscar's headings come from its vi catalogue plus the
project's (locale/vi), and a browser that merely prefers English still gets Vietnamese
(config.middleware.VietnameseFirstMiddleware); English only when the shopper picks EN."""

import ast
import gettext as gettext_module
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.shop.checkout import conftest as checkout_fixtures
from tests.shop.checkout.conftest import options

# The checkout tests' fixtures: two producers' products, a Hà Nội address, reference rows.
producers = checkout_fixtures.producers
products = checkout_fixtures.products
address = checkout_fixtures.address
_reference_rows = checkout_fixtures._reference_rows

pytestmark = pytest.mark.django_db

ENGLISH_PHONE = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def text(response) -> str:
    """What the shopper reads: the page without scripts, styles and tags."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def has_words(page: str, *words) -> list[str]:
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", page)]


BASKET_ENGLISH = (
    "Cart",
    "Basket",
    "Totals",
    "Basket total",
    "Order total",
    "Proceed to checkout",
    "Update",
    "Remove",
    "Voucher/promo code",
)


@pytest.mark.parametrize("headers", [{}, ENGLISH_PHONE], ids=["vi-browser", "en-browser"])
def test_basket_page_headings_are_vietnamese(client, products, headers):
    tea, cake = products
    client.post(reverse("basket:add", kwargs={"pk": tea.pk}), {"quantity": 2}, **headers)
    client.post(reverse("checkout:basket-province"), {"province": "01"}, **headers)
    page = text(client.get(reverse("basket:summary"), **headers))
    assert "Giỏ hàng" in page
    assert "Tổng tiền" in page  # the Totals heading (Oscar's "Tổng số" reads as a count)
    # The checkout's own words for the same figures.
    assert "Tiền hàng" in page and "Tổng thanh toán" in page and "Tổng số" not in page
    assert "Tiến hành thanh toán" in page
    assert "700.000" in page  # 2 × 350.000 ₫, no decimals
    # Oscar's "Trong kho ( 5 có sẵn)" and "Những vật phẩm để mua bây giờ", in plain words.
    assert "Còn hàng (5 sản phẩm)" in page and "Xoá" in page
    assert "có sẵn" not in page and "vật phẩm" not in page
    assert has_words(page, *BASKET_ENGLISH) == []


def test_the_basket_total_message_after_adding_is_vietnamese(client, products):
    tea, _cake = products
    response = client.post(
        reverse("basket:add", kwargs={"pk": tea.pk}), {"quantity": 1}, follow=True
    )
    page = text(response)
    assert "Tổng giỏ hàng của bạn hiện là" in page
    assert "Your basket total is now" not in page


CHECKOUT_ENGLISH = (
    "Who are you?",
    "My email address is",
    "Continue",
    "Shipping address",
    "Shipping method",
    "Payment",
    "Order total",
    "Place order",
    "Preview",
    "Basket",
    "Totals",
)


def test_checkout_steps_as_a_guest_are_vietnamese(client, products, address):
    tea, cake = products
    for product in (tea, cake):
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    pages = {}
    pages["index"] = text(client.get(reverse("checkout:index"), **ENGLISH_PHONE))
    client.post(
        reverse("checkout:index"), {"username": "khach.dich@example.vn", "options": "anonymous"}
    )
    pages["address"] = text(client.get(reverse("checkout:shipping-address"), **ENGLISH_PHONE))
    client.post(reverse("checkout:shipping-address"), address)
    pages["options"] = text(
        client.get(reverse("checkout:shipping-method"), follow=True, **ENGLISH_PHONE)
    )
    assert client.post(reverse("checkout:preview"), options()).status_code == 302
    pages["preview"] = text(client.get(reverse("checkout:preview"), **ENGLISH_PHONE))
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    pages["thank_you"] = text(client.get(reverse("checkout:thank-you"), **ENGLISH_PHONE))

    assert "Bạn là ai?" in pages["index"] and "Địa chỉ email" in pages["index"]
    assert "Tiếp tục" in pages["index"]
    # Oscar's own vi words here were wrong: "khách vãn lai", "trước khi thoát" (leaving).
    assert "Tôi là khách mới, đặt hàng không cần tài khoản" in pages["index"]
    assert "trước khi đặt hàng" in pages["index"] and "thoát" not in pages["index"]
    assert "Địa chỉ nhận hàng" in pages["address"]
    assert "Phương thức thanh toán" in pages["options"]
    assert "Xem lại đơn hàng" in pages["preview"] and "Đặt hàng" in pages["preview"]
    assert "Cảm ơn bạn đã đặt hàng" in pages["thank_you"]
    assert "470.000" in pages["preview"]  # goods 350.000 ₫ + 120.000 ₫
    for name, page in pages.items():
        assert has_words(page, *CHECKOUT_ENGLISH) == [], name
    # The order e-mail too.
    (confirmation,) = [m for m in mail.outbox if "xác nhận đơn hàng" in m.subject]
    assert "Chợ OCOP đã nhận đơn hàng" in confirmation.body
    assert "350.000\u00a0₫" in confirmation.body or "350.000 ₫" in confirmation.body


def test_the_english_version_is_there_when_the_shopper_picks_it(client, products):
    tea, _cake = products
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(reverse("basket:add", kwargs={"pk": tea.pk}), {"quantity": 1})
    page = text(client.get(reverse("basket:summary")))
    assert "Totals" in page and "Proceed to checkout" in page
    assert "Tổng tiền" not in page
    # And the switch back.
    response = client.post(reverse("set_language"), {"language": "vi", "next": "/shop/basket/"})
    assert response.status_code == 302
    assert "Tổng tiền" in text(client.get(reverse("basket:summary")))


def _po_entries(path):
    """(msgctxt, msgid, msgstr) of a .po file written as locale/vi's is (a plural entry
    by its singular: Vietnamese has one form, msgstr[0])."""
    entries, current, key = [], {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current.get("msgid"):
                msgstr = current.get("msgstr", current.get("msgstr[0]"))
                entries.append((current.get("msgctxt"), current["msgid"], msgstr))
            current, key = {}, None
        elif line.startswith(("msgctxt ", "msgid ", "msgid_plural ", "msgstr ", "msgstr[0] ")):
            key, _, rest = line.partition(" ")
            current[key] = ast.literal_eval(rest)
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
    return entries


def test_the_committed_mo_matches_the_po():
    """The .mo is committed (no gettext needed to run the shop): it must say what the .po
    says. After editing the .po: `manage.py compilemessages -l vi --ignore=.venv`."""
    folder = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as handle:
        compiled = gettext_module.GNUTranslations(handle)
    entries = _po_entries(folder / "django.po")
    assert len(entries) > 40
    for context, msgid, msgstr in entries:
        found = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
        assert found == msgstr, msgid

"""Staff see in the admin whether each gift set is on sale, and why not."""

import pytest
from django.urls import reverse

from tests.factories import box_type, gift_set

pytestmark = pytest.mark.django_db


def test_gift_set_admin_pages_show_the_sale_state(admin_client, tea, sauce):
    gift = gift_set([(tea, 1), (sauce, 1)], title="Giỏ quà Trung thu")
    box_type(size=3)
    sauce.certificates.update(status="revoked")
    listing = admin_client.get(reverse("admin:gifts_giftset_changelist"))
    assert listing.status_code == 200 and "Giỏ quà Trung thu" in listing.content.decode()
    page = admin_client.get(reverse("admin:gifts_giftset_change", args=[gift.gift_set.pk]))
    html = page.content.decode()
    assert "Giỏ quà tạm ngừng bán" in html and "Nước mắm Phú Quốc" in html
    for name in ("gifts_boxtype_changelist", "gifts_occasion_add", "gifts_giftset_add"):
        assert admin_client.get(reverse(f"admin:{name}")).status_code == 200

"""A component lapsing hides the gift set everywhere, and its curator is told once."""

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from search import documents_db
from search.service import ProductQuery, search
from shop.gifts.models import GiftSet
from shop.gifts.notifications import notify_lapsed
from shop.signals import catalogue_changed
from tests.cms import helpers
from tests.factories import gift_set

Certificate = get_model("ocop", "Certificate")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

TITLE = "Giỏ quà Tết Sum Vầy"


@pytest.fixture
def gift(tea, sauce):
    product = gift_set([(tea, 2), (sauce, 1)], title=TITLE, price=690000)
    documents_db.reindex()
    return product


def suspend(product, captured):
    certificate = product.certificates.get()
    with captured(execute=True):
        certificate.status = "suspended"
        certificate.status_reason = "Vi phạm ghi nhãn"
        certificate.save()


def test_a_lapsed_component_hides_the_set_from_catalogue_search_cms_and_sitemap(
    client, gift, tea, django_capture_on_commit_callbacks
):
    story = helpers.story(products=[gift])
    assert TITLE in client.get(reverse("catalogue:index")).content.decode()
    assert [p.pk for p in search(ProductQuery(q="sum vay")).products] == [gift.pk]
    assert TITLE in client.get(story.url).content.decode()
    page = client.get(gift.get_absolute_url()).content.decode()
    assert reverse("basket:add", kwargs={"pk": gift.pk}) in page
    assert gift.get_absolute_url() in client.get("/sitemap.xml").content.decode()

    suspend(tea, django_capture_on_commit_callbacks)

    assert TITLE not in client.get(reverse("catalogue:index")).content.decode()
    assert search(ProductQuery(q="sum vay")).products == []
    assert TITLE not in client.get(story.url).content.decode()
    assert gift.get_absolute_url() not in client.get("/sitemap.xml").content.decode()
    page = client.get(gift.get_absolute_url()).content.decode()  # cached before: invalidated
    assert reverse("basket:add", kwargs={"pk": gift.pk}) not in page
    assert "Giỏ quà tạm ngừng bán" in page and "Chè búp Tân Cương" in page


def test_a_component_running_out_shows_on_the_cached_set_page_at_once(client, gift, sauce):
    assert (
        reverse("basket:add", kwargs={"pk": gift.pk})
        in client.get(gift.get_absolute_url()).content.decode()
    )
    record = StockRecord.objects.get(product=sauce)
    record.num_in_stock = 0
    record.save()
    page = client.get(gift.get_absolute_url()).content.decode()
    assert reverse("basket:add", kwargs={"pk": gift.pk}) not in page


def test_the_curator_is_told_once_and_again_after_the_set_came_back(
    gift, tea, django_user_model, django_capture_on_commit_callbacks
):
    curator = django_user_model.objects.create_user(
        username="curator", email="tuyenchon@cho-ocop.vn", password="x" * 12
    )
    GiftSet.objects.filter(product=gift).update(curator_user=curator)

    suspend(tea, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["tuyenchon@cho-ocop.vn"]
    assert TITLE in message.subject
    assert "Chè búp Tân Cương" in message.body and "Vi phạm ghi nhãn" in message.body
    assert GiftSet.objects.get(product=gift).lapse_notified_at is not None

    # The nightly sync reports the same products again: nobody is told twice.
    with django_capture_on_commit_callbacks(execute=True):
        catalogue_changed.send(sender=None, product_ids=[tea.pk])
    assert notify_lapsed(product_ids=None) == 0
    assert len(mail.outbox) == 1

    # Reinstated (a bulk sync: update + signal): the lapse is forgotten...
    Certificate.objects.filter(product=tea).update(status="active")
    with django_capture_on_commit_callbacks(execute=True):
        catalogue_changed.send(sender=None, product_ids=[tea.pk])
    assert GiftSet.objects.get(product=gift).lapse_notified_at is None
    assert len(mail.outbox) == 1
    # ...so the next lapse is announced again.
    suspend(tea, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


def test_a_producers_set_tells_the_producer_and_a_platform_set_tells_staff(
    settings, producers, tea, sauce
):
    settings.OCOP_STAFF_EMAILS = ["giohang@cho-ocop.vn"]
    own = gift_set([(tea, 1)], title="Giỏ chè", curator_partner=producers[0])
    platform = gift_set([(sauce, 1)], title="Giỏ nước mắm")
    StockRecord.objects.filter(product__in=[tea, sauce]).update(num_in_stock=0)
    assert notify_lapsed(product_ids=[tea.pk, sauce.pk]) == 2
    sent = {m.subject: m for m in mail.outbox}
    assert sent["Giỏ quà “Giỏ chè” đã tạm ngừng bán"].to == ["che@example.vn"]
    assert sent["Giỏ quà “Giỏ nước mắm” đã tạm ngừng bán"].to == ["giohang@cho-ocop.vn"]
    assert "hết hàng" in sent["Giỏ quà “Giỏ chè” đã tạm ngừng bán"].body
    assert own.pk and platform.pk


def test_a_set_off_sale_for_its_own_reasons_sends_nothing(gift):
    gift.is_public = False
    gift.save()
    assert notify_lapsed(product_ids=None) == 0
    assert mail.outbox == []

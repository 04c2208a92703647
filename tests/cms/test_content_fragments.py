"""Parts of CMS pages stored with the content (cms_tags.content_fragment) never outlive what
they show: a published edit, a producer's new name, the end of a fair at midnight; and a
preview shows the draft, not the stored part."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from shop.catalogue.cache import invalidate_products
from tests.cms import helpers
from tests.factories import sellable_product

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def honey():
    product = sellable_product(title="Mật ong bạc hà")
    cache.clear()
    return product


def afresh(url, **headers) -> str:
    """The page as rendered for the first visitor after a product change (so the stored
    page is gone but stored fragments are not)."""
    from shop.catalogue.models import Product

    invalidate_products([Product.objects.get(title="Mật ong bạc hà").pk])
    response = Client().get(url, **headers)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    return response.content.decode()


def test_a_retitled_story_shows_its_new_title_on_the_home_page_and_in_its_breadcrumbs():
    home = helpers.home_page()
    story = helpers.story(title="Mùa vải Lục Ngạn")
    assert "Mùa vải Lục Ngạn" in afresh(home.url)
    assert "Mùa vải Lục Ngạn" in afresh(story.url)

    story.title = "Vải thiều vào mùa"
    story.save_revision().publish()

    assert "Vải thiều vào mùa" in afresh(home.url)
    assert "Mùa vải Lục Ngạn" not in afresh(home.url)
    crumbs = afresh(story.url).split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert "Vải thiều vào mùa" in crumbs


def test_a_producer_renamed_shows_its_new_name_in_the_stories_that_name_it(honey):
    producer = honey.stockrecords.get().partner
    story = helpers.story(title="Ong trên cao nguyên đá")
    story.producer_links.create(producer=producer)
    story.save_revision().publish()
    old_name = producer.name
    assert old_name in afresh(story.url)

    producer.name = "HTX Ong mật Hà Giang"
    producer.save()

    html = afresh(story.url)
    assert "HTX Ong mật Hà Giang" in html
    assert old_name not in html


def test_a_fair_that_ended_drops_off_the_home_page_at_midnight():
    home = helpers.home_page()
    fair = helpers.fair(title="Phiên chợ OCOP cuối tuần", start_in=0, days=1)
    last_day = datetime.combine(fair.end_date, datetime.min.time(), tzinfo=VN)
    minute_to_midnight = last_day + timedelta(hours=23, minutes=59)
    with time_machine.travel(minute_to_midnight, tick=False):
        assert "Phiên chợ OCOP cuối tuần" in afresh(home.url)
    with time_machine.travel(minute_to_midnight + timedelta(minutes=2), tick=False):
        assert "Phiên chợ OCOP cuối tuần" not in afresh(home.url)


def test_a_preview_shows_the_draft_not_the_stored_breadcrumbs():
    story = helpers.story(title="Mùa vải Lục Ngạn")
    host = {"HTTP_HOST": "localhost"}  # the site's host, which a preview is rendered for
    assert "Mùa vải Lục Ngạn" in afresh(story.url, **host)  # breadcrumbs stored

    draft = story.get_latest_revision_as_object()
    draft.title = "Bản nháp: Vải thiều vào mùa"
    response = draft.make_preview_request()  # what the editor's preview pane shows
    if hasattr(response, "render"):
        response.render()
    html = response.content.decode()
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert "Bản nháp: Vải thiều vào mùa" in crumbs
    # and the draft never reached the public page
    assert "Bản nháp" not in afresh(story.url, **host)

"""Vietnamese first, English translations through Wagtail's own i18n."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from cms.models import HomePage, StoryPage
from tests.cms import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated_home():
    call_command("load_demo_pages", verbosity=0)
    return HomePage.objects.get(locale__language_code="en")


def test_load_demo_pages_adds_an_english_home_page_once(translated_home):
    call_command("load_demo_pages", verbosity=0)
    assert HomePage.objects.filter(locale__language_code="en").count() == 1
    vi = HomePage.objects.get(locale__language_code="vi")
    assert translated_home.translation_key == vi.translation_key
    assert translated_home.live


def test_root_url_serves_vietnamese_by_default_and_english_when_chosen(client, translated_home):
    html = client.get("/").content.decode()
    assert '<html lang="vi"' in html
    assert "Đặc sản OCOP từ khắp mọi miền" in html

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert "OCOP specialities from every corner of Vietnam" in html


def test_pages_not_translated_yet_fall_back_to_vietnamese(client, translated_home):
    story = StoryPage.objects.live().first()
    assert story is not None and story.locale.language_code == "vi"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get(story.url)
    assert response.status_code == 200
    assert story.title in response.content.decode()
    assert client.get("/khong-co-trang-nay/").status_code == 404


def test_a_translated_story_is_served_in_english(client):
    page = helpers.story(title="Mùa vải thiều", slug="mua-vai")
    english = Locale.objects.get_or_create(language_code="en")[0]
    home_en = helpers.home_page().copy_for_translation(english)
    home_en.save_revision().publish()
    index_en = helpers.story_index().copy_for_translation(english)
    index_en.save_revision().publish()
    story_en = page.copy_for_translation(english)
    story_en.title = "Lychee season"
    story_en.save_revision().publish()

    assert "Mùa vải thiều" in client.get("/cau-chuyen/mua-vai/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/cau-chuyen/mua-vai/").content.decode()
    assert "Lychee season" in html
    assert 'hreflang="vi"' in html

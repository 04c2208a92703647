"""Stories, craft villages and fairs beside the product results and in the suggestions:
Wagtail's search over live, public pages in the shopper's language, accent-insensitive."""

import unicodedata
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction

from cms.models import FairPage, StoryPage, VillageIndexPage, VillagePage
from search import pages
from shop.ocop.rules import today
from tests.cms import helpers
from tests.factories import ProducerFactory, sellable_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def editorial(shelf):
    """A village, a story and a fair about palm sugar, a draft, a private page and an English
    translation that must never come back."""
    villages = helpers.index(VillageIndexPage, "lang-nghe", "Làng nghề")
    village = helpers.publish(
        villages,
        VillagePage(
            title="Làng thốt nốt Tri Tôn",
            slug="lang-thot-not-tri-ton",
            craft="Nấu đường thốt nốt",
            intro="Những hàng thốt nốt bên cánh đồng Bảy Núi.",
            province_code="91",
        ),
    )
    story = helpers.story(title="Mùa nấu đường thốt nốt", slug="mua-duong-thot-not")
    fair = helpers.fair(title="Phiên chợ đường thốt nốt An Giang", slug="phien-cho-thot-not")
    draft = StoryPage(title="Đường thốt nốt bản nháp", slug="ban-nhap", intro="Chưa đăng")
    helpers.story_index().add_child(instance=draft)
    draft.save_revision()
    StoryPage.objects.filter(pk=draft.pk).update(live=False)
    secret = helpers.story(title="Đường thốt nốt nội bộ", slug="noi-bo")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    english = Locale.objects.get_or_create(language_code="en")[0]
    for parent in (helpers.home_page(), helpers.story_index()):
        parent.copy_for_translation(english).save_revision().publish()
    translated = story.copy_for_translation(english)
    translated.title = "Palm sugar season (thốt nốt)"
    translated.save_revision().publish()
    return {"village": village, "story": story, "fair": fair, "shelf": shelf}


def _titles(hits):
    return {h.title for h in hits}


WANTED = {"Làng thốt nốt Tri Tôn", "Mùa nấu đường thốt nốt", "Phiên chợ đường thốt nốt An Giang"}


@pytest.mark.parametrize(
    "q",
    ["thot not", "thốt nốt", unicodedata.normalize("NFD", "thốt nốt"), "THỐT NỐT"],
)
def test_pages_match_with_or_without_accents(editorial, q):
    assert _titles(pages.search_pages(q, limit=10)) == WANTED  # no draft, private, English


def test_d_folds_to_d_and_every_word_must_match(editorial):
    assert _titles(pages.search_pages("duong thot not", limit=10)) == {
        "Mùa nấu đường thốt nốt",
        "Phiên chợ đường thốt nốt An Giang",
        "Làng thốt nốt Tri Tôn",  # its craft: "Nấu đường thốt nốt"
    }
    assert _titles(pages.search_pages("lang nghe", limit=10)) == {"Làng thốt nốt Tri Tôn"}
    assert pages.search_pages("thot not xyzzy") == []
    assert pages.search_pages("  ") == []


def test_search_page_shows_pages_beside_products(client, editorial):
    html = client.get(reverse("search:search"), {"q": "duong thot not"}).content.decode()
    assert "Đường thốt nốt Trần Gia" in html  # the product
    assert "Bài viết, làng nghề, sự kiện" in html
    aside = html.split('class="search-pages"', 1)[1].split("</aside>", 1)[0]
    assert 'href="/cau-chuyen/mua-duong-thot-not/"' in aside or "mua-duong-thot-not" in aside
    assert "Phiên chợ đường thốt nốt An Giang" in aside
    assert "Làng thốt nốt Tri Tôn" in aside
    assert "Làng nghề" in aside and "Sự kiện" in aside and "Bài viết" in aside
    assert "bản nháp" not in html and "nội bộ" not in html and "Palm sugar" not in html


def test_pages_alone_show_when_no_product_matches(client, editorial):
    html = client.get(reverse("search:search"), {"q": "lang nghe"}).content.decode()
    assert "Không tìm thấy sản phẩm nào" in html
    assert "Làng thốt nốt Tri Tôn" in html


def test_no_pages_column_without_matches(client, editorial):
    html = client.get(reverse("search:search"), {"q": "mat ong"}).content.decode()
    assert "Mật ong hoa nhãn" in html
    assert 'id="search-pages-heading"' not in html  # (the producer "Ong mật U Minh" is there)


def test_english_visitors_get_english_pages(client, editorial):
    with translation.override("en"):
        found = _titles(pages.search_pages("thot not", limit=10))
    assert found == {"Palm sugar season (thốt nốt)"}
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(reverse("search:search"), {"q": "thot not"}).content.decode()
    assert "Palm sugar season" in html and "Mùa nấu đường thốt nốt" not in html


def test_a_new_language_is_searched_in_at_once(shelf):
    """The shopper's locale is looked up once and shared (search.pages.active_locale_id):
    when the English locale is added, English searches turn to English pages at once."""
    story = helpers.story(title="Mùa nấu đường thốt nốt", slug="mua-duong-thot-not")
    with translation.override("en"):  # no English locale yet: the default one's pages
        assert _titles(pages.search_pages("thot not")) == {"Mùa nấu đường thốt nốt"}
    english = Locale.objects.create(language_code="en")
    for parent in (helpers.home_page(), helpers.story_index()):
        parent.copy_for_translation(english).save_revision().publish()
    translated = story.copy_for_translation(english)
    translated.title = "Palm sugar season (thốt nốt)"
    translated.save_revision().publish()
    with translation.override("en"):
        assert _titles(pages.search_pages("thot not")) == {"Palm sugar season (thốt nốt)"}
    with translation.override("vi"):
        assert _titles(pages.search_pages("thot not")) == {"Mùa nấu đường thốt nốt"}


def test_search_page_query_count_with_pages(client, editorial, django_assert_max_num_queries):
    client.get(reverse("search:search"), {"q": "thot not"})
    with django_assert_max_num_queries(20) as counted:
        html = client.get(reverse("search:search"), {"q": "thot not"}).content.decode()
    assert "Làng thốt nốt Tri Tôn" in html
    budget = len(counted.captured_queries)  # read now: the log is a bounded deque
    for n in range(4):
        helpers.story(title=f"Thốt nốt chuyện số {n}", slug=f"thot-not-{n}")
    client.get(reverse("search:search"), {"q": "thot not"})  # publishing emptied caches
    with django_assert_max_num_queries(budget):
        html = client.get(reverse("search:search"), {"q": "thot not"}).content.decode()
    assert html.count("search-pages__hit ") == 5  # at most five pages beside the products


def test_suggestions_bring_products_producers_villages_stories_and_events(
    client, editorial, django_assert_max_num_queries
):
    maker = ProducerFactory(name="Hợp tác xã Thốt nốt Tri Tôn", province_name="Tỉnh An Giang")
    sellable_product(title="Đường thốt nốt Tri Tôn", price=90000, producer=maker)
    from search import documents_db

    documents_db.reindex()
    url = reverse("search:suggest")
    client.get(url, {"q": "thot not tri"})
    for q in ("thot not tri", "thốt nốt tri", "thot not tri to"):  # accents or not, word starts
        with django_assert_max_num_queries(20):
            data = client.get(url, {"q": q}).json()
        assert [p["title"] for p in data["products"]] == ["Đường thốt nốt Tri Tôn"], q
        assert [p["name"] for p in data["producers"]] == ["Hợp tác xã Thốt nốt Tri Tôn"], q
        assert [v["title"] for v in data["villages"]] == ["Làng thốt nốt Tri Tôn"], q
        assert data["villages"][0]["url"] == "/lang-nghe/lang-thot-not-tri-ton/"
        assert "Nấu đường thốt nốt" in data["villages"][0]["meta"]
    data = client.get(url, {"q": "phien cho"}).json()
    assert [e["title"] for e in data["events"]] == ["Phiên chợ đường thốt nốt An Giang"]
    data = client.get(url, {"q": "mua nau"}).json()
    assert [s["title"] for s in data["stories"]] == ["Mùa nấu đường thốt nốt"]
    assert data["products"] == [] and data["villages"] == []


def test_suggestions_skip_a_past_draft_and_short_queries(client, editorial):
    assert client.get(reverse("search:suggest"), {"q": "t"}).json() == {
        "q": "t",
        "products": [],
        "producers": [],
        "villages": [],
        "stories": [],
        "events": [],
    }
    data = client.get(reverse("search:suggest"), {"q": "ban nhap"}).json()
    assert data["stories"] == []


def test_fair_meta_shows_dates(editorial):
    (hit,) = [h for h in pages.search_pages("phien cho") if h.kind == "events"]
    fair = FairPage.objects.get(slug="phien-cho-thot-not")
    assert fair.start_date.strftime("%d/%m/%Y") in hit.meta
    assert fair.start_date > today() - timedelta(days=1)


def test_search_reindex_indexes_the_pages_folded_words(editorial, capsys):
    """Pages saved before their folded words were indexed are found after search_reindex."""
    from django.core.management import call_command
    from wagtail.search.models import IndexEntry

    IndexEntry.objects.all().delete()  # as if indexed by an older version
    assert pages.search_pages("thot not") == []
    call_command("search_reindex")
    assert "Indexed 6 stories, villages and fairs" in capsys.readouterr().out
    assert _titles(pages.search_pages("thot not", limit=10)) == WANTED

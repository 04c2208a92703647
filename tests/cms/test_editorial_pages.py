"""Stories, villages, producers and fairs: created in the admin, rendered with live products
that obey THE sellability rule, and discoverable (sitemap, robots, iCalendar)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import (
    EventIndexPage,
    FairPage,
    HomeFeaturedProduct,
    HomePage,
    ProducerIndexPage,
    ProducerPage,
    StoryIndexPage,
    StoryPage,
    VillageIndexPage,
    VillagePage,
)
from shop.ocop.rules import today
from tests.cms import helpers
from tests.factories import ProducerFactory, sellable_product


class EditorialPageTypesTest(WagtailPageTestCase):
    """Each page type is created through the Wagtail admin's forms."""

    @classmethod
    def setUpTestData(cls):
        cls.home = helpers.home_page()
        cls.producer = ProducerFactory(name="HTX Gốm Tân Thịnh")
        cls.product = sellable_product(title="Bộ gốm men Suối Ngọc", producer=cls.producer)

    def setUp(self):
        self.login()

    def test_page_tree_rules(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                *HomePage.allowed_subpage_models(),
            },
        )
        for index, child in (
            (StoryIndexPage, StoryPage),
            (VillageIndexPage, VillagePage),
            (ProducerIndexPage, ProducerPage),
            (EventIndexPage, FairPage),
        ):
            self.assertCanCreateAt(HomePage, index)
            self.assertAllowedSubpageTypes(index, {child})
            self.assertAllowedParentPageTypes(child, {index})
            self.assertCanNotCreateAt(HomePage, child)

    def test_create_story_with_product_cards_map_pin_and_tags(self):
        index = helpers.story_index()
        self.assertCanCreate(
            index,
            StoryPage,
            nested_form_data(
                {
                    "title": "Người giữ lửa gốm Bát Tràng",
                    "slug": "giu-lua-gom",
                    "date": "2026-11-20",
                    "author": "Minh Trần",
                    "intro": "Tóm tắt",
                    "body": streamfield(
                        [
                            ("paragraph", rich_text("<p>Men là linh hồn của gốm.</p>")),
                            ("quote", {"quote": "Men là linh hồn", "attribution": "Nghệ nhân"}),
                            (
                                "products",
                                {
                                    "heading": "Mua trong bài",
                                    "products": streamfield([("item", self.product.pk)]),
                                },
                            ),
                            (
                                "map_pin",
                                {
                                    "label": "Bát Tràng",
                                    "latitude": "20.9758",
                                    "longitude": "105.9125",
                                },
                            ),
                        ]
                    ),
                    "tags": "Làng nghề, Hà Nội",
                    "producer_links": inline_formset([{"producer": self.producer.pk}]),
                    "product_links": inline_formset([{"product": self.product.pk}]),
                }
            ),
        )
        story = StoryPage.objects.get(slug="giu-lua-gom")
        self.assertEqual(sorted(t.name for t in story.tags.all()), ["Hà Nội", "Làng nghề"])
        self.assertEqual(story.producer_links.get().producer, self.producer)
        self.assertPageIsRoutable(story)

    def test_create_village_with_today_province_and_ward(self):
        index = helpers.index(VillageIndexPage, "lang-nghe", "Làng nghề")
        from shop import addresses

        ward = addresses.wards("01")[0]
        self.assertCanCreate(
            index,
            VillagePage,
            nested_form_data(
                {
                    "title": "Làng lụa Vạn Phúc",
                    "slug": "lang-lua",
                    "craft": "Dệt lụa",
                    "intro": "",
                    "history": rich_text("<p>Nghìn năm.</p>"),
                    "province_code": "01",
                    "ward_code": ward.code,
                    "latitude": "20.98",
                    "longitude": "105.77",
                    "body": streamfield([]),
                    "producer_links": inline_formset([{"producer": self.producer.pk}]),
                }
            ),
        )
        village = VillagePage.objects.get(slug="lang-lua")
        self.assertEqual(village.province_name, "Thành phố Hà Nội")
        self.assertEqual(village.ward_name, ward.name)

    def test_village_ward_must_belong_to_the_province(self):
        from django.core.exceptions import ValidationError

        from shop import addresses

        other = addresses.wards("79")[0]  # a ward of Hồ Chí Minh City
        page = VillagePage(
            title="Làng", slug="x", craft="Gốm", province_code="01", ward_code=other.code
        )
        with self.assertRaises(ValidationError):
            page.clean()

    def test_create_producer_page_once_per_producer(self):
        index = helpers.index(ProducerIndexPage, "nha-san-xuat", "Nhà sản xuất")
        data = nested_form_data(
            {
                "title": "HTX Gốm Tân Thịnh",
                "slug": "gom-tan-thinh",
                "producer": self.producer.pk,
                "intro": "",
                "story": rich_text("<p>Hai mươi nghệ nhân.</p>"),
                "photos": inline_formset([]),
            }
        )
        self.assertCanCreate(index, ProducerPage, data)
        duplicate = ProducerPage(title="Lần hai", slug="lan-hai", producer=self.producer)
        duplicate.locale = index.locale
        from django.core.exceptions import ValidationError

        with self.assertRaises(ValidationError):
            duplicate.clean()

    def test_create_event_index_and_multi_day_fair(self):
        self.assertCanCreate(
            self.home,
            EventIndexPage,
            nested_form_data({"title": "Hội chợ", "slug": "hoi-cho-moi", "intro": ""}),
        )
        index = EventIndexPage.objects.get(slug="hoi-cho-moi")
        self.assertCanCreate(
            index,
            FairPage,
            nested_form_data(
                {
                    "title": "Hội chợ OCOP mùa Tết",
                    "slug": "tet",
                    "start_date": "2026-12-14",
                    "end_date": "2026-12-18",
                    "opening_hours": "8:00 – 21:00",
                    "venue": "Cung Văn hóa",
                    "address": "91 Trần Hưng Đạo",
                    "province_code": "01",
                    "ward_code": "",
                    "latitude": "21.0245",
                    "longitude": "105.8437",
                    "organiser": "Sở Công Thương",
                    "intro": "",
                    "body": streamfield([]),
                    "participants": inline_formset(
                        [{"producer": self.producer.pk, "booth": "B12"}]
                    ),
                    "product_links": inline_formset([{"product": self.product.pk}]),
                    "how_to_take_part": rich_text("<p>Đăng ký trước.</p>"),
                    "registration_url": "",
                }
            ),
        )
        fair = FairPage.objects.get(slug="tet")
        self.assertEqual(fair.days, 5)
        self.assertEqual(fair.participants.get().booth, "B12")

    def test_fair_cannot_end_before_it_starts(self):
        from django.core.exceptions import ValidationError

        fair = FairPage(
            title="x", slug="x", venue="v", start_date=today(), end_date=today() - timedelta(1)
        )
        with self.assertRaises(ValidationError):
            fair.clean()

    def test_product_chooser_finds_products_without_diacritics(self):
        response = self.client.get(reverse("product_chooser:choose_results"), {"q": "suoi ngoc"})
        self.assertContains(response, "Bộ gốm men Suối Ngọc")
        response = self.client.get(reverse("producer_chooser:choose_results"), {"q": "Tân Thịnh"})
        self.assertContains(response, "HTX Gốm Tân Thịnh")


# --- What shoppers see -----------------------------------------------------------------


def _expire(product):
    certificate = product.certificates.get()
    certificate.valid_until = today() - timedelta(days=1)
    certificate.save()


@pytest.mark.django_db
def test_story_product_card_disappears_when_its_certificate_expires(client):
    kept = sellable_product(title="Mật ong bạc hà Đồng Văn")
    leaving = sellable_product(title="Chè Shan tuyết cổ thụ")
    page = helpers.story(products=[kept, leaving])

    html = client.get(page.url).content.decode()
    assert "Mật ong bạc hà Đồng Văn" in html
    assert "Chè Shan tuyết cổ thụ" in html

    _expire(leaving)  # after publishing: nobody edits the story
    html = client.get(page.url).content.decode()
    assert "Mật ong bạc hà Đồng Văn" in html
    assert "Chè Shan tuyết cổ thụ" not in html


@pytest.mark.django_db
def test_home_page_featured_products_chosen_by_editors_drop_when_not_sellable(client):
    home = helpers.home_page()
    first = sellable_product(title="Nước mắm Lê Gia")
    second = sellable_product(title="Tỏi Lý Sơn")
    newest = sellable_product(title="Không được chọn")
    home.featured_product_links = [
        HomeFeaturedProduct(product=second, sort_order=0),
        HomeFeaturedProduct(product=first, sort_order=1),
    ]
    home.save_revision().publish()

    html = client.get("/").content.decode()
    assert html.index("Tỏi Lý Sơn") < html.index("Nước mắm Lê Gia")  # editors' order
    assert "Không được chọn" not in html
    assert newest.pk

    _expire(second)
    html = client.get("/").content.decode()
    assert "Tỏi Lý Sơn" not in html
    assert "Nước mắm Lê Gia" in html


@pytest.mark.django_db
def test_home_page_shows_upcoming_fairs_and_latest_stories(client):
    helpers.story(title="Câu chuyện mới nhất", days_ago=1)
    helpers.fair(title="Hội chợ sắp tới", start_in=5)
    helpers.fair(title="Hội chợ đã qua", start_in=-30)
    html = client.get("/").content.decode()
    assert "Câu chuyện mới nhất" in html
    assert "Hội chợ sắp tới" in html
    assert "Hội chợ đã qua" not in html


@pytest.mark.django_db
def test_story_index_filters_by_tag_and_paginates(client):
    for n in range(11):
        helpers.story(title=f"Chuyện số {n:02d}", days_ago=n, tags=["Chè"] if n < 3 else ["Gốm"])
    index = helpers.story_index()

    html = client.get(index.url).content.decode()
    assert "Chuyện số 00" in html and "Chuyện số 08" in html
    assert "Chuyện số 09" not in html  # nine a page, newest first
    assert "Trang 1/2" in html
    html = client.get(index.url, {"trang": 2}).content.decode()
    assert "Chuyện số 10" in html and "Chuyện số 00" not in html

    from taggit.models import Tag

    slug = Tag.objects.get(name="Chè").slug
    assert f'href="{index.url}?the={slug}"' in client.get(index.url).content.decode()
    html = client.get(index.url, {"the": slug}).content.decode()
    assert "Chuyện số 02" in html
    assert "Chuyện số 03" not in html


@pytest.mark.django_db
def test_producer_page_shows_valid_certificates_and_products_live(client):
    producer = ProducerFactory(name="HTX Sen Quê Bác", province_name="Tỉnh Nghệ An")
    on_sale = sellable_product(title="Hạt sen sấy", producer=producer)
    expired = sellable_product(title="Mứt sen", producer=producer)
    other = sellable_product(title="Của người khác")
    _expire(expired)
    page = helpers.producer_page(producer)

    html = client.get(page.url).content.decode()
    assert "Hạt sen sấy" in html
    assert "Mứt sen" not in html.split("Sản phẩm đang bán")[1]
    assert on_sale.certificates.get().certificate_no in html
    assert expired.certificates.get().certificate_no not in html
    assert "Của người khác" not in html
    assert other.pk


@pytest.mark.django_db
def test_village_lists_its_producers_and_their_sellable_products(client):
    potter = ProducerFactory(name="HTX Gốm Tân Thịnh")
    sellable_product(title="Bộ ấm chén men lam", producer=potter)
    gone = sellable_product(title="Bình hút lộc", producer=potter)
    gone.is_public = False
    gone.save()
    page = helpers.village(producers=[potter])
    helpers.producer_page(potter)

    html = client.get(page.url).content.decode()
    assert "HTX Gốm Tân Thịnh" in html
    assert "Bộ ấm chén men lam" in html
    assert "Bình hút lộc" not in html
    assert "Thành phố Hà Nội" in html
    assert "openstreetmap.org/?mlat=20.9758&amp;mlon=105.9125" in html
    assert "/nha-san-xuat/nha-san-xuat-test/" in html  # links to the producer's page


@pytest.mark.django_db
def test_fair_page_booths_products_and_past_upcoming_lists(client):
    producer = ProducerFactory(name="HTX Dệt lụa Vạn Phúc")
    scarf = sellable_product(title="Khăn lụa tơ tằm", producer=producer)
    expired = sellable_product(title="Áo dài lụa")
    _expire(expired)
    fair = helpers.fair(producers=[producer], products=[scarf, expired], days=4)
    helpers.fair(title="Phiên chợ đã qua", start_in=-40)

    html = client.get(fair.url).content.decode()
    assert "HTX Dệt lụa Vạn Phúc" in html and "A1" in html
    assert "Khăn lụa tơ tằm" in html
    assert "Áo dài lụa" not in html
    assert "Thêm vào lịch" in html

    index_html = client.get(helpers.event_index().url).content.decode()
    upcoming, past = index_html.split("Đã diễn ra")
    assert "Hội chợ OCOP Hà Nội" in upcoming
    assert "Phiên chợ đã qua" in past


@pytest.mark.django_db
def test_icalendar_feeds_parse(client):
    fair = helpers.fair(title="Hội chợ OCOP mùa Tết", start_in=10, days=5)
    helpers.fair(title="Phiên chợ OCOP", start_in=-20, days=1)

    response = client.get(fair.url + "lich/")
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Hội chợ OCOP mùa Tết"
    assert event.decoded("DTSTART") == fair.start_date
    assert event.decoded("DTEND") == fair.end_date + timedelta(days=1)  # all-day, exclusive
    assert "Cung Văn hóa Hữu nghị Việt Xô" in str(event["LOCATION"])
    assert str(event["URL"]).endswith(fair.url)

    for url in (helpers.event_index().url + "lich/", "/lich-su-kien.ics"):
        calendar = Calendar.from_ical(client.get(url).content)
        titles = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
        assert titles == ["Hội chợ OCOP mùa Tết", "Phiên chợ OCOP"], url


@pytest.mark.django_db
def test_sitemap_lists_pages_and_sellable_products_only(client):
    on_sale = sellable_product(title="Cà phê Khe Sanh")
    expired = sellable_product(title="Miến dong")
    _expire(expired)
    story = helpers.story(slug="ca-phe-khe-sanh")

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert on_sale.get_absolute_url() in xml
    assert expired.get_absolute_url() not in xml
    assert "/cau-chuyen/ca-phe-khe-sanh/" in xml
    assert story.pk


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemap_and_hides_private_pages(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /shop/checkout/" in text
    assert "Disallow: /cms/" in text
    assert "Disallow: /shop/\n" not in text  # the catalogue stays crawlable


@pytest.mark.django_db
def test_open_graph_and_seo_fields(client):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Vải", file=get_test_image_file())
    page = helpers.story(
        title="Mùa vải",
        seo_title="Vải thiều Lục Ngạn chính vụ",
        search_description="Vải hái sáng, đóng hộp trước trưa.",
        og_image=image,
    )
    html = client.get(page.url).content.decode()
    assert "<title>Vải thiều Lục Ngạn chính vụ – Chợ OCOP</title>" in html
    assert '<meta name="description" content="Vải hái sáng, đóng hộp trước trưa.">' in html
    assert '<meta property="og:image" content="http://testserver/media/images/' in html
    assert '<meta property="og:type" content="article">' in html


@pytest.mark.django_db
def test_pages_keep_queries_bounded(client, django_assert_max_num_queries):
    producers = [ProducerFactory() for _ in range(3)]
    products = [sellable_product(title=f"Đặc sản {n}", producer=producers[n % 3]) for n in range(9)]
    story = helpers.story(products=products[:6])
    story.producer_links.create(producer=producers[0])
    village = helpers.village(producers=producers)
    producer = helpers.producer_page(producers[0])
    fair = helpers.fair(producers=producers, products=products)
    for page in (story, village, producer, fair, helpers.event_index(), helpers.story_index()):
        client.get(page.url)  # warm caches (site root paths, nav)
        with django_assert_max_num_queries(32):
            assert client.get(page.url).status_code == 200


@pytest.mark.django_db
def test_unknown_subpage_is_404(client):
    fair = helpers.fair()
    assert client.get(fair.url + "khong-co/").status_code == 404
    assert Page.objects.filter(pk=fair.pk).exists()

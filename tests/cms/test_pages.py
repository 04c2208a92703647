"""The CMS page types, the demo pages command, and the one look shared by CMS and shop."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import HomePage, StandardPage
from cms.policies import POLICY_SLUGS
from tests.factories import ProductFactory, sellable_product

PRICE = "350.000\u00a0₫"


class PageTypesTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root = Page.get_first_root_node()

    def setUp(self):
        self.login()  # an editor: creating pages goes through the Wagtail admin

    def test_home_page_is_created_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreate(
            self.root,
            HomePage,
            nested_form_data(
                {
                    "title": "Chợ OCOP",
                    "slug": "cho-ocop-test",
                    "hero_heading": "Đặc sản OCOP",
                    "hero_text": "",
                    "hero_link_text": "Xem sản phẩm",
                    "intro": rich_text("<p>Giới thiệu</p>"),
                    "featured_heading": "Sản phẩm",
                    "featured_count": 8,
                    "featured_product_links": inline_formset([]),
                    "gifts_heading": "Giỏ quà Tết",
                    "gifts_count": 4,
                    "gift_links": inline_formset([]),
                }
            ),
        )

    def test_policy_pages_live_under_the_home_page(self):
        home = HomePage(title="Chợ OCOP", slug="cho-ocop-test")
        self.root.add_child(instance=home)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(Page, StandardPage)
        self.assertCanCreate(
            home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Chính sách đổi trả",
                    "slug": "doi-tra-test",
                    "intro": "Tóm tắt",
                    "body": streamfield(
                        [
                            ("heading", "Thời hạn"),
                            ("paragraph", rich_text("<p>7 ngày kể từ khi nhận hàng.</p>")),
                        ]
                    ),
                }
            ),
        )

    def test_only_one_home_page(self):
        self.assertTrue(HomePage.can_create_at(self.root))
        self.root.add_child(instance=HomePage(title="Chợ OCOP", slug="cho-ocop-test"))
        self.assertFalse(HomePage.can_create_at(self.root))


@pytest.fixture
def demo_pages(db):
    call_command("load_demo_pages", verbosity=0)
    cache.clear()
    return HomePage.objects.get(locale__language_code="vi")


@pytest.mark.django_db
def test_load_demo_pages_twice_gives_one_home_and_six_policies():
    call_command("load_demo_pages", verbosity=0)
    first = {p.slug: p.latest_revision_id for p in StandardPage.objects.all()}
    call_command("load_demo_pages", verbosity=0)

    assert HomePage.objects.filter(locale__language_code="vi").count() == 1
    home = HomePage.objects.get(locale__language_code="vi")
    assert sorted(StandardPage.objects.values_list("slug", flat=True)) == sorted(POLICY_SLUGS)
    assert all(p.live and p.get_parent().pk == home.pk for p in StandardPage.objects.all())
    # Nothing was rewritten the second time.
    assert {p.slug: p.latest_revision_id for p in StandardPage.objects.all()} == first
    # The default site now starts at the home page; Wagtail's welcome page is gone.
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    # (the English home page is the same page, translated)
    assert not Page.objects.filter(depth=2).exclude(translation_key=home.translation_key).exists()


@pytest.mark.django_db
def test_load_demo_pages_keeps_what_staff_edited(demo_pages):
    page = StandardPage.objects.get(slug="van-chuyen")
    page.title = "Giao hàng (đã sửa)"
    page.save_revision().publish()

    call_command("load_demo_pages", verbosity=0)

    assert StandardPage.objects.get(slug="van-chuyen").title == "Giao hàng (đã sửa)"


@pytest.mark.django_db
def test_policy_texts_say_what_the_decrees_ask(demo_pages, client):
    returns = client.get("/doi-tra-hoan-tien/").content.decode()
    assert "7 ngày" in returns and "Hoàn tiền" in returns and "Cách thức đổi trả" in returns
    privacy = client.get("/chinh-sach-bao-mat/").content.decode()
    assert "13/2023/NĐ-CP" in privacy
    payment = client.get("/thanh-toan/").content.decode()
    assert "VietQR" in payment and "Tiền mặt khi nhận hàng" in payment
    assert "từ chối nhận" in client.get("/kiem-hang/").content.decode()


@pytest.mark.django_db
def test_home_page_shows_seller_details_and_policy_links(demo_pages, client):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    seller = settings.SELLER
    for value in ("name", "address", "tax_code", "phone", "email"):
        assert seller[value] in html, value
    assert seller["business_registration"] in html
    assert "Giá bán đã bao gồm thuế giá trị gia tăng (VAT)" in html
    footer = html[html.index('<footer class="site-footer"') :]
    for slug in POLICY_SLUGS:
        assert f'href="/{slug}/"' in footer, slug


@pytest.mark.django_db
def test_footer_drops_a_policy_that_is_unpublished(demo_pages, client):
    StandardPage.objects.get(slug="kiem-hang").unpublish()

    html = client.get("/").content.decode()

    assert 'href="/kiem-hang/"' not in html
    assert 'href="/thanh-toan/"' in html


@pytest.mark.django_db
def test_home_page_lists_sellable_products_only(demo_pages, client):
    sellable = sellable_product(title="Mật ong bạc hà Đồng Văn", price=350000)
    expired = sellable_product(title="Chè Shan tuyết hết hạn", price=200000)
    certificate = expired.certificates.get()
    certificate.valid_from = certificate.valid_until = certificate.decision_date
    certificate.save()

    html = client.get("/").content.decode()

    assert sellable.get_title() in html
    assert sellable.get_absolute_url() in html
    assert PRICE in html
    assert "Giá đã bao gồm VAT" in html
    assert "OCOP 4 sao" in html
    assert expired.get_title() not in html


@pytest.mark.django_db
def test_shop_page_has_the_same_header_and_footer(demo_pages, client):
    home = client.get("/").content.decode()
    basket = client.get("/shop/basket/").content.decode()

    def chrome(html):
        start = html.index('<header class="site-header">')
        return re.sub(
            r'name="csrfmiddlewaretoken" value="[^"]+"', "", html[start : html.index("</header>")]
        )

    assert chrome(basket).replace('name="next" type="hidden" value="/shop/basket/"', "") == chrome(
        home
    ).replace('name="next" type="hidden" value="/"', "")
    assert '<footer class="site-footer"' in basket
    assert settings.SELLER["tax_code"] in basket
    assert 'href="/dieu-khoan/"' in basket
    assert "site.css" in basket and "oscar/css/styles.css" in basket


@pytest.mark.django_db
def test_header_has_search_basket_count_account_and_language(demo_pages, client):
    html = client.get("/").content.decode()
    assert 'action="/shop/search/"' in html and 'name="q"' in html
    assert 'href="/shop/basket/"' in html
    assert 'action="/i18n/setlang/"' in html
    assert 'value="en"' in html and 'value="vi"' in html
    assert 'href="/shop/accounts/login/"' in html
    for group in ("Thực phẩm", "Đồ uống", "Dược liệu", "Thủ công mỹ nghệ", "Sinh vật cảnh"):
        assert group in html

    product = sellable_product(title="Mật ong bạc hà Đồng Văn", price=350000)
    client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 2})
    html = client.get("/").content.decode()
    count = re.search(r"basket-link__count[^>]*>(\d+)<", html)
    assert count and count.group(1) == "1"  # one line, whatever its quantity


@pytest.mark.django_db
def test_signed_in_shopper_sees_account_and_logout(demo_pages, client, django_user_model):
    user = django_user_model.objects.create_user(
        username="lan", email="lan@example.com", password="mật-khẩu-dài-123"
    )
    client.force_login(user)
    html = client.get("/").content.decode()
    assert 'href="/shop/accounts/"' in html
    assert 'href="/shop/accounts/logout/"' in html
    assert "/shop/accounts/login/" not in html


@pytest.mark.django_db
def test_product_page_shows_price_stars_producer_and_basket_button(client):
    product = sellable_product(title="Mật ong bạc hà Đồng Văn", price=350000)
    producer = product.stockrecords.get().partner

    html = client.get(product.get_absolute_url()).content.decode()

    assert PRICE in html
    assert "Giá đã bao gồm VAT" in html
    assert "★★★★" in html and "OCOP 4 sao" in html
    assert producer.name in html and producer.province_name in html
    assert 'id="add_to_basket_form"' in html
    assert "block ocop_certificate" not in html  # the block renders, not its source


@pytest.mark.django_db
def test_unsellable_product_page_says_why_and_has_no_basket_button(client):
    product = sellable_product(title="Miến dong Bình Liêu", price=95000)
    certificate = product.certificates.get()
    certificate.status = "revoked"
    certificate.status_reason = "Vi phạm điều kiện sản xuất"
    certificate.save()

    response = client.get(product.get_absolute_url())

    html = response.content.decode()
    assert "đã bị thu hồi" in html
    assert "Vi phạm điều kiện sản xuất" in html
    assert 'id="add_to_basket_form"' not in html
    assert f"/shop/basket/add/{product.pk}/" not in html


@pytest.mark.django_db
def test_product_without_certificate_says_why(client):
    product = ProductFactory(title="Bánh chưa chứng nhận")

    html = client.get(product.get_absolute_url()).content.decode()

    assert "chưa có chứng nhận OCOP còn hiệu lực" in html
    assert 'id="add_to_basket_form"' not in html


@pytest.mark.django_db
def test_404_uses_the_site_look(demo_pages, client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert '<footer class="site-footer"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/shop/accounts/login/", "/shop/catalogue/"])
def test_other_shop_pages_share_the_look(demo_pages, client, url):
    html = client.get(url).content.decode()
    assert '<header class="site-header">' in html
    assert '<footer class="site-footer"' in html


@pytest.mark.django_db
def test_checkout_keeps_header_and_footer(demo_pages, client):
    product = sellable_product(title="Mật ong bạc hà Đồng Văn", price=350000)
    client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1})

    response = client.get("/shop/checkout/", follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<header class="site-header">' in html
    assert settings.SELLER["tax_code"] in html
    assert 'href="/doi-tra-hoan-tien/"' in html


@pytest.mark.django_db
def test_load_demo_pages_builds_the_tree_from_nothing():
    """After a flush (transactional tests, a wiped database) even the root page is gone."""
    Site.objects.all().delete()
    Page.objects.all().delete()

    call_command("load_demo_pages", verbosity=0)

    home = HomePage.objects.get(locale__language_code="vi")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert StandardPage.objects.count() == len(POLICY_SLUGS)

"""The menu and the footer are rendered once for every anonymous visitor on every page
(shop.catalogue.templatetags.shared_parts), yet follow at once what they show: the policy
pages the CMS publishes and the categories the menu links to."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from oscar.core.loading import get_model

from cms.models import StandardPage
from tests.factories import sellable_product

Category = get_model("catalogue", "Category")
pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    call_command("load_demo_pages", verbosity=0)
    cache.clear()
    return sellable_product(title="Mật ong bạc hà Đồng Văn", price=350000)


def footer(html: str) -> str:
    return html[html.index('<footer class="site-footer"') :]


def menu(html: str) -> str:
    return html[html.index('<nav id="site-nav"') : html.index("</nav>")]


def test_the_stored_footer_follows_a_policy_page_unpublished(
    site, django_capture_on_commit_callbacks
):
    first = Client().get("/shop/catalogue/").content.decode()
    assert 'href="/kiem-hang/"' in footer(first)
    with django_capture_on_commit_callbacks(execute=True):
        StandardPage.objects.get(slug="kiem-hang").unpublish()
    for url in ("/shop/catalogue/", site.get_absolute_url(), "/shop/search/?q=mat+ong"):
        page = footer(Client().get(url).content.decode())
        assert 'href="/kiem-hang/"' not in page, url
        assert 'href="/thanh-toan/"' in page, url


def test_the_stored_menu_follows_a_new_category(site):
    before = menu(Client().get(site.get_absolute_url()).content.decode())
    assert 'data-group="food"' in before
    food = Category.add_root(name="Thực phẩm", slug="thuc-pham", is_public=True)
    after = menu(Client().get(site.get_absolute_url()).content.decode())
    assert f'href="{food.get_absolute_url()}"' in after
    assert f'href="{food.get_absolute_url()}"' not in before

"""Building a small CMS tree for tests."""

from datetime import timedelta
from decimal import Decimal

from wagtail.models import Collection, Locale, Page, Site

from cms.models import (
    EventIndexPage,
    FairPage,
    FairParticipant,
    FairProduct,
    HomePage,
    ProducerIndexPage,
    ProducerPage,
    StoryIndexPage,
    StoryPage,
    VillageIndexPage,
    VillagePage,
    VillageProducer,
)
from shop.ocop.rules import today


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def home_page() -> HomePage:
    home = HomePage.objects.filter(locale__language_code="vi").first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    if root is None:  # a transactional test flushed the tree Wagtail's migrations made
        locale, _ = Locale.objects.get_or_create(language_code="vi")
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = publish(root, HomePage(title="Chợ OCOP", slug="cho-ocop-test"))
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    site.root_page = home
    site.save()
    return home


def index(model, slug: str, title: str):
    home = home_page()
    found = model.objects.child_of(home).filter(slug=slug).first()
    return found or publish(home, model(title=title, slug=slug))


def story_index() -> StoryIndexPage:
    return index(StoryIndexPage, "cau-chuyen", "Câu chuyện")


def event_index() -> EventIndexPage:
    return index(EventIndexPage, "hoi-cho", "Hội chợ và sự kiện")


def story(*, title="Mùa vải Lục Ngạn", slug=None, products=(), tags=(), days_ago=0, **extra):
    body = [("paragraph", "<p>Vải hái lúc bình minh.</p>")]
    if products:
        body.append(("products", {"heading": "Mua trong bài", "products": list(products)}))
    page = StoryPage(
        title=title,
        slug=slug or f"story-{StoryPage.objects.count() + 1}",
        date=today() - timedelta(days=days_ago),
        author="Ngọc Anh",
        intro="Tóm tắt",
        body=body,
        **extra,
    )
    page.tags.add(*tags)
    return publish(story_index(), page)


def fair(*, title="Hội chợ OCOP Hà Nội", slug=None, start_in=10, days=3, producers=(), products=()):
    start = today() + timedelta(days=start_in)
    page = FairPage(
        title=title,
        slug=slug or f"fair-{FairPage.objects.count() + 1}",
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        venue="Cung Văn hóa Hữu nghị Việt Xô",
        address="91 Trần Hưng Đạo",
        province_code="01",
        latitude=Decimal("21.0245"),
        longitude=Decimal("105.8437"),
        organiser="Sở Công Thương",
        intro="Hơn 300 gian hàng OCOP.",
        how_to_take_part="<p>Đăng ký trước 15 ngày.</p>",
    )
    page.participants = [
        FairParticipant(producer=p, booth=f"A{n}") for n, p in enumerate(producers, 1)
    ]
    page.product_links = [FairProduct(product=p) for p in products]
    return publish(event_index(), page)


def producer_page(producer, *, slug="nha-san-xuat-test") -> ProducerPage:
    parent = index(ProducerIndexPage, "nha-san-xuat", "Nhà sản xuất")
    return publish(
        parent,
        ProducerPage(title=producer.name, slug=slug, producer=producer, story="<p>Chuyện</p>"),
    )


def village(*, producers=(), slug="lang-gom") -> VillagePage:
    parent = index(VillageIndexPage, "lang-nghe", "Làng nghề")
    page = VillagePage(
        title="Làng gốm Bát Tràng",
        slug=slug,
        craft="Gốm sứ",
        history="<p>Từ thế kỷ XV.</p>",
        province_code="01",
        latitude=Decimal("20.9758"),
        longitude=Decimal("105.9125"),
    )
    page.producer_links = [VillageProducer(producer=p) for p in producers]
    return publish(parent, page)

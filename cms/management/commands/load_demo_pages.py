"""Put the home page, the six policy pages and the demo editorial pages in place.

Also: the "Trade promotion editors" group and the moderators' approval workflow (the demo
editor bientap@cho-ocop.vn joins the group when the account exists), the English locale and
an English translation of the home page.

Idempotent: pages that exist (found by type for the home page, by slug for the others)
are left exactly as they are, so running it again never duplicates or overwrites what staff
have edited.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from cms import demo_editorial
from cms.demo_content import HOME, HOME_EN, policy_pages
from cms.models import HomePage, StandardPage
from cms.workflow import EDITORS_GROUP, ensure_editorial_setup

DEMO_EDITOR_EMAIL = "bientap@cho-ocop.vn"


def _stream(body):
    """demo_content's (type, value) pairs → StreamField data with RichText values."""
    data = []
    for block_type, value in body:
        if block_type == "paragraph":
            value = RichText(value)
        elif block_type == "notice":
            value = {"text": RichText(value["text"])}
        data.append((block_type, value))
    return data


class Command(BaseCommand):
    help = (
        "Create the home page (as the default site's root, replacing Wagtail's welcome page) "
        "and the six policy pages. Existing pages are left untouched."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        home = self.ensure_home()
        self.ensure_site(home)
        self.remove_welcome_page()
        for policy in policy_pages(settings.SELLER):
            self.ensure_policy(home, policy)
        demo_editorial.build(home, self.say)
        self.ensure_editors()
        self.ensure_english(home)

    def ensure_editors(self) -> None:
        ensure_editorial_setup(apps)
        editor = get_user_model().objects.filter(email__iexact=DEMO_EDITOR_EMAIL).first()
        if editor is not None:
            editor.groups.add(Group.objects.get(name=EDITORS_GROUP))

    def ensure_english(self, home: HomePage) -> None:
        """English locale, and the home page in English (other pages fall back to
        Vietnamese until editors translate them in the CMS)."""
        english, _created = Locale.objects.get_or_create(language_code="en")
        if home.get_translations().filter(locale=english).exists():
            return
        translation = home.copy_for_translation(english)
        for field, value in HOME_EN.items():
            setattr(translation, field, value)
        translation.save_revision().publish()
        self.say(self.style.SUCCESS("Đã tạo bản tiếng Anh của trang chủ."))

    def say(self, message):
        if self.verbosity > 0:
            self.stdout.write(message)

    def ensure_home(self) -> HomePage:
        home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        if home is not None:
            self.say(f"Trang chủ đã có: {home.title} (id {home.pk}), giữ nguyên.")
            return home
        root = Page.get_first_root_node() or self.create_root()
        slug = "trang-chu"
        if root.get_children().filter(slug=slug).exists():
            slug = "cho-ocop"
        home = HomePage(slug=slug, **HOME)
        root.add_child(instance=home)
        home.save_revision().publish()
        self.say(self.style.SUCCESS(f"Đã tạo trang chủ (id {home.pk})."))
        return home

    def create_root(self) -> Page:
        """The tree's root, as Wagtail's first migration makes it (gone after a flush)."""
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        locale, _created = Locale.objects.get_or_create(language_code=language)
        self.say("Cây trang trống: tạo nút gốc.")
        return Page.add_root(instance=Page(title="Root", slug="root", locale=locale))

    def ensure_site(self, home: HomePage) -> None:
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=settings.WAGTAIL_SITE_NAME,
            )
            self.say(self.style.SUCCESS("Đã tạo site mặc định trỏ tới trang chủ."))
            return
        if site.root_page_id != home.pk or not site.is_default_site:
            site.root_page = home
            site.is_default_site = True
            site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
            site.save()
            self.say(self.style.SUCCESS(f"Site {site.hostname} nay trỏ tới trang chủ."))

    def remove_welcome_page(self) -> None:
        """Wagtail's "Welcome to your new Wagtail site!" page: a plain Page with no content.
        Only that exact page goes, and only when nothing hangs below it or points at it."""
        plain_page = ContentType.objects.get_for_model(Page)
        welcome = Page.objects.filter(
            depth=2, slug="home", content_type=plain_page, numchild=0
        ).exclude(sites_rooted_here__isnull=False)
        for page in welcome:
            self.say(f"Xóa trang chào mừng mặc định của Wagtail (id {page.pk}).")
            page.delete()

    def ensure_policy(self, home: HomePage, policy) -> None:
        existing = Page.objects.descendant_of(home).filter(slug=policy.slug).first()
        if existing is not None:
            self.say(f"Trang {policy.slug} đã có, giữ nguyên.")
            return
        page = StandardPage(
            title=policy.title,
            slug=policy.slug,
            intro=policy.intro,
            body=_stream(policy.body),
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        self.say(self.style.SUCCESS(f"Đã tạo trang {policy.slug}."))

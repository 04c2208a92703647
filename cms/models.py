"""The shop's editorial pages: the home page, plain pages (policies, guides), stories,
craft villages, producers, and fairs.

Every product a page shows comes live from the shop through THE sellability rule
(``cms.products`` asks ``shop.ocop.rules.sellable_products``); editors' choices are only
candidates.
"""

import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from oscar.core.loading import get_model
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, PageViewRestriction
from wagtail.search import index

from shop import addresses
from shop.gifts.cards import featured_gift_sets
from shop.gifts.models import BOX_CLASS, GIFT_SET_CLASS
from shop.ocop.rules import today

from .blocks import BodyBlock, StoryBodyBlock, product_ids_in
from .products import newest_sellable, sellable_by_id, sellable_in_order, sellable_of_producers
from .search_text import FOLDED_SEARCH_FIELDS, FoldedSearchMixin


class SeoMixin(models.Model):
    """SEO title and description come with Wagtail's promote tab; this adds the picture
    shared on Facebook/Zalo (Open Graph)."""

    og_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Ảnh chia sẻ (Open Graph)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh hiện khi trang được chia sẻ lên mạng xã hội; 1200×630 là đẹp nhất."),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("og_image")]

    class Meta:
        abstract = True

    def get_og_image(self):
        return self.og_image or getattr(self, "image", None) or getattr(self, "hero_image", None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The hreflang links (partials/head.html): the live translations with their locale,
        # in one query.
        context["translations"] = self.get_translations().live().select_related("locale")
        return context

    def serve(self, request, *args, **kwargs):
        """Whole pages for anonymous visitors (shop.catalogue.cache), dropped when content
        is published (cms.signals) or any product changes (product blocks)."""
        from shop.catalogue import cache as page_cache

        render = lambda: super(SeoMixin, self).serve(request, *args, **kwargs)  # noqa: E731
        if passed_a_restriction(request):
            # It may be a page behind a password: never stored, so that cms.views.serve can
            # answer stored pages before Wagtail checks restrictions.
            return render()
        from .views import remember_route

        if not args and not kwargs:  # a plain page
            remember_route(request, self)
        elif (match := getattr(request, "routable_resolver_match", None)) is not None:
            # A routable page's route holds its view: remember the subpage to resolve again.
            subpath = "/" + self.reverse_subpage(match.url_name, match.args, match.kwargs)
            remember_route(request, self, subpath)
        return page_cache.serve_cached(request, render, scope="cms")


def passed_a_restriction(request) -> bool:
    """Whether this visitor unlocked a password-protected page (Wagtail keeps it in the
    session). Anonymous visitors who did not are refused every restricted page, so any page
    they are served is public."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return bool(request.session.get(PageViewRestriction.passed_view_restrictions_session_key))


def province_choices():
    return [(p.code, p.name) for p in addresses.provinces()]


def ward_choices():
    return [
        (p.name, [(w.code, w.name) for w in addresses.wards(p.code)]) for p in addresses.provinces()
    ]


class PlaceMixin(models.Model):
    """Where something is, in today's units (34 provinces, wards), with a map pin."""

    province_code = models.CharField(
        _("Tỉnh/thành"), max_length=8, blank=True, choices=province_choices
    )
    ward_code = models.CharField(_("Xã/phường"), max_length=8, blank=True, choices=ward_choices)
    latitude = models.DecimalField(
        _("Vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("Kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    place_panels = [
        FieldRowPanel([FieldPanel("province_code"), FieldPanel("ward_code")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.ward_code:
            if not self.province_code:
                raise ValidationError({"province_code": _("Chọn tỉnh/thành trước.")})
            if self.ward_code not in {w.code for w in addresses.wards(self.province_code)}:
                raise ValidationError(
                    {"ward_code": _("Xã/phường này không thuộc tỉnh/thành đã chọn.")}
                )
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai."))

    @property
    def province_name(self) -> str:
        found = addresses.province(self.province_code)
        return found.name if found else ""

    @property
    def ward_name(self) -> str:
        found = addresses.ward(self.ward_code)
        return found.name if found else ""

    @property
    def place_name(self) -> str:
        return ", ".join(part for part in (self.ward_name, self.province_name) if part)

    @property
    def has_map(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class HomePage(SeoMixin, Page):
    """The site root: a hero, a few words, and products that can be bought today."""

    hero_heading = models.CharField(_("Tiêu đề lớn"), max_length=160, blank=True)
    hero_text = models.TextField(_("Lời giới thiệu ngắn"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Ảnh nền"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_text = models.CharField(
        _("Chữ trên nút"), max_length=60, blank=True, default="Xem sản phẩm OCOP"
    )
    intro = RichTextField(_("Giới thiệu"), blank=True, features=["bold", "italic", "link"])
    featured_heading = models.CharField(
        _("Tiêu đề mục sản phẩm"), max_length=120, default="Sản phẩm OCOP đang bán"
    )
    featured_count = models.PositiveSmallIntegerField(
        _("Số sản phẩm hiển thị"),
        default=8,
        help_text=_("Chỉ những sản phẩm có chứng nhận OCOP còn hiệu lực, có giá và đang mở bán."),
    )
    gifts_heading = models.CharField(
        _("Tiêu đề mục giỏ quà"), max_length=120, default="Giỏ quà Tết", blank=True
    )
    gifts_count = models.PositiveSmallIntegerField(
        _("Số giỏ quà hiển thị"),
        default=4,
        help_text=_(
            "Chỉ những giỏ quà đang bán (mọi sản phẩm trong giỏ còn chứng nhận và còn hàng). "
            "Không chọn giỏ nào thì hiện các giỏ mới nhất; 0 để ẩn mục này."
        ),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link_text"),
            ],
            heading=_("Phần đầu trang"),
        ),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("featured_heading"),
                FieldPanel("featured_count"),
                InlinePanel("featured_product_links", label=_("Sản phẩm biên tập chọn")),
            ],
            heading=_("Sản phẩm nổi bật"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("gifts_heading"),
                FieldPanel("gifts_count"),
                InlinePanel("gift_links", label=_("Giỏ quà biên tập chọn")),
            ],
            heading=_("Giỏ quà"),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("Trang chủ")

    def route(self, request, path_components):
        """A translated home page routes to its own translated children; a page not
        translated yet is served from the Vietnamese tree instead of a 404."""
        try:
            return super().route(request, path_components)
        except Http404:
            default = Locale.get_default()
            if not path_components or self.locale_id == default.pk:
                raise
            original = self.get_translation_or_none(default)
            if original is None:
                raise
            return original.specific.route(request, path_components)

    def featured_products(self, request=None):
        """The products editors chose that shoppers can buy today, in their order; when
        editors chose none, the newest sellable ones (THE rule decides, not this page)."""
        chosen = [link.product_id for link in self.featured_product_links.all()]
        if chosen:
            return sellable_in_order(chosen)[: self.featured_count]
        Product = get_model("catalogue", "Product")
        # Gift sets have their own section below; a build-your-own box is not a product to
        # add as it is (it is filled on its builder).
        products = Product.objects.browsable().exclude(
            product_class__slug__in=[BOX_CLASS, GIFT_SET_CLASS]
        )
        return newest_sellable(products, limit=self.featured_count, request=request)

    def featured_gifts(self, request=None) -> list:
        """Curated gift sets for the gifts section: the editors' picks that are sellable today
        (a set whose component lapsed drops out by itself), else the newest sellable ones;
        for an anonymous ``request``, those whose gift card is stored come as that card."""
        if not self.gifts_count:
            return []
        chosen = [link.product_id for link in self.gift_links.all()]
        return featured_gift_sets(chosen, limit=self.gifts_count, request=request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_products"] = self.featured_products(request)
        context["featured_gifts"] = self.featured_gifts(request)
        # The stories and fairs sections are stored with the content (content_fragment):
        # their queries, one look at the view restrictions for both included, run only
        # when the stored sections are missing.
        private = functools.cache(Page.objects.private_q)
        context["featured_stories"] = SimpleLazyObject(
            lambda: list(
                StoryPage.objects.live()
                .exclude(private())
                .descendant_of(self)
                .select_related("image")
                .order_by("-date", "-pk")[:3]
            )
        )
        context["upcoming_fairs"] = SimpleLazyObject(
            lambda: list(
                FairPage.objects.live()
                .exclude(private())
                .descendant_of(self)
                .filter(end_date__gte=today())
                .order_by("start_date", "pk")[:3]
            )
        )
        return context


class HomeFeaturedProduct(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_product_links")
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("Sản phẩm"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("product")]


class HomeGiftSet(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="gift_links")
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("Giỏ quà"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"product_class__slug": GIFT_SET_CLASS},
    )

    panels = [FieldPanel("product")]


class StandardPage(SeoMixin, Page):
    """A plain page staff write: the policies (returns, privacy, shipping...) and guides."""

    intro = models.TextField(_("Tóm tắt"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("Nội dung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("Trang nội dung")


# --- Helpers ---------------------------------------------------------------------------


def _paginate(request, items, per_page: int):
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("trang") or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def _producer_pages(producers) -> dict:
    """{producer id: its live ProducerPage} to link producers to their story."""
    ids = [p.pk for p in producers]
    if not ids:
        return {}  # no restriction lookup for nothing
    pages = ProducerPage.objects.live().public().filter(producer_id__in=ids)
    return {page.producer_id: page for page in pages}


def _with_producer_pages(items, producer_of=lambda item: item) -> SimpleLazyObject:
    """[(item, its producer's live ProducerPage or None)], looked up when first used: the
    sections listing producers are stored with the content (content_fragment), so on most
    renders the lookups never run. ``items`` may be a callable returning them."""

    def pair():
        found = list(items() if callable(items) else items)
        pages = _producer_pages([producer_of(item) for item in found])
        return [(item, pages.get(producer_of(item).pk)) for item in found]

    return SimpleLazyObject(pair)


class ProducerLink(Orderable):
    """A producer (Partner) a page talks about, chosen in the admin's producer chooser."""

    producer = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("Nhà sản xuất"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("producer")]

    class Meta(Orderable.Meta):
        abstract = True


class ProductLink(Orderable):
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("Sản phẩm"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("product")]

    class Meta(Orderable.Meta):
        abstract = True


# --- Stories ---------------------------------------------------------------------------


class StoryIndexPage(SeoMixin, Page):
    """Câu chuyện: the list of stories, newest first, filtered by tag (?the=...)."""

    intro = models.TextField(_("Giới thiệu"), blank=True)
    per_page = 9

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StoryPage"]

    class Meta:
        verbose_name = _("Trang danh sách câu chuyện")

    def stories(self):
        return (
            StoryPage.objects.live()
            .public()
            .child_of(self)
            .select_related("image")
            .prefetch_related("tags")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = self.stories()
        tag = (request.GET.get("the") or "").strip()
        if tag:
            stories = stories.filter(tags__slug=tag)
        context["tag"] = Tag.objects.filter(slug=tag).first() if tag else None
        context["stories"] = _paginate(request, stories, self.per_page)
        context["tags"] = (
            Tag.objects.filter(cms_storypagetag_items__content_object__in=self.stories())
            .distinct()
            .order_by("name")
        )
        return context


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryPage(FoldedSearchMixin, SeoMixin, Page):
    """A story about producers, a craft, a place: text, photos, quotes, videos, products."""

    date = models.DateField(_("Ngày đăng"), default=today)
    author = models.CharField(_("Tác giả"), max_length=120, blank=True)
    intro = models.TextField(_("Tóm tắt"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Ảnh chính"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(StoryBodyBlock(), verbose_name=_("Nội dung"), blank=True)
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True, verbose_name=_("Thẻ"))

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel("producer_links", label=_("Nhà sản xuất liên quan")),
        InlinePanel("product_links", label=_("Sản phẩm liên quan")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
        *FOLDED_SEARCH_FIELDS,
    ]
    folded_fields = ("title", "intro", "author")
    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Câu chuyện")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        related_ids = [link.product_id for link in self.product_links.all()]
        # One query for every product the page names (body cards and related products).
        sellable = sellable_by_id([*product_ids_in(self.body), *related_ids])
        context["sellable_by_id"] = sellable
        context["related_products"] = [
            sellable[pk] for pk in dict.fromkeys(related_ids) if pk in sellable
        ]
        context["related_producers"] = _with_producer_pages(
            lambda: [link.producer for link in self.producer_links.select_related("producer")]
        )
        return context


class StoryProducer(ProducerLink):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="producer_links")


class StoryProduct(ProductLink):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="product_links")


# --- Craft villages --------------------------------------------------------------------


class VillageIndexPage(SeoMixin, Page):
    intro = models.TextField(_("Giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.VillagePage"]

    class Meta:
        verbose_name = _("Trang danh sách làng nghề")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["villages"] = (
            VillagePage.objects.live().public().child_of(self).select_related("image")
        )
        return context


class VillagePage(FoldedSearchMixin, SeoMixin, PlaceMixin, Page):
    """Làng nghề: its craft and history, where it is today, its producers and what they sell."""

    craft = models.CharField(_("Nghề"), max_length=160)
    intro = models.TextField(_("Tóm tắt"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Ảnh chính"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = RichTextField(_("Lịch sử"), blank=True)
    body = StreamField(StoryBodyBlock(), verbose_name=_("Nội dung thêm"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("craft"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("history"),
        MultiFieldPanel(PlaceMixin.place_panels, heading=_("Địa điểm (đơn vị hành chính mới)")),
        FieldPanel("body"),
        InlinePanel("producer_links", label=_("Nhà sản xuất trong làng")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("craft"),
        index.SearchField("intro"),
        *FOLDED_SEARCH_FIELDS,
    ]
    folded_fields = ("title", "craft", "intro", "province_name", "ward_name")
    parent_page_types = ["cms.VillageIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Làng nghề")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        producers = [link.producer for link in self.producer_links.select_related("producer")]
        context["producers"] = _with_producer_pages(producers)
        context["products"] = sellable_of_producers(producers, limit=12)
        context["sellable_by_id"] = sellable_by_id(product_ids_in(self.body))
        return context


class VillageProducer(ProducerLink):
    page = ParentalKey(VillagePage, on_delete=models.CASCADE, related_name="producer_links")


# --- Producers -------------------------------------------------------------------------


class ProducerIndexPage(SeoMixin, Page):
    intro = models.TextField(_("Giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProducerPage"]

    class Meta:
        verbose_name = _("Trang danh sách nhà sản xuất")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["producer_pages"] = (
            ProducerPage.objects.live()
            .public()
            .child_of(self)
            .select_related("producer", "image")
            .order_by("title")
        )
        return context


class ProducerPage(SeoMixin, Page):
    """One producer (an Oscar Partner): its story, photos, OCOP certificates, and what it sells
    today, drawn live from the shop."""

    producer = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("Nhà sản xuất"),
        on_delete=models.PROTECT,
        related_name="cms_pages",
    )
    intro = models.TextField(_("Tóm tắt"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Ảnh chính"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    story = RichTextField(_("Câu chuyện"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("producer"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("story"),
        InlinePanel("photos", label=_("Ảnh")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("story")]
    parent_page_types = ["cms.ProducerIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Nhà sản xuất")

    def clean(self):
        super().clean()
        if self.producer_id:
            others = ProducerPage.objects.filter(
                producer_id=self.producer_id, locale_id=self.locale_id
            ).exclude(pk=self.pk)
            if others.exists():
                raise ValidationError(
                    {"producer": _("Nhà sản xuất này đã có trang riêng trong ngôn ngữ này.")}
                )

    def get_context(self, request, *args, **kwargs):
        from shop.ocop.models import CertificateStatus

        context = super().get_context(request, *args, **kwargs)
        on = today()
        certificates = list(self.producer.certificates.order_by("-valid_until", "-pk"))
        context["certificates"] = [
            c
            for c in certificates
            if c.status == CertificateStatus.ACTIVE and c.valid_from <= on <= c.valid_until
        ]
        context["products"] = sellable_of_producers([self.producer])
        context["photos"] = self.photos.select_related("image")
        return context


class ProducerPhoto(Orderable):
    page = ParentalKey(ProducerPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("Ảnh"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("Chú thích"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


# --- Fairs and events ------------------------------------------------------------------


def _ics_response(events, *, request, filename: str) -> HttpResponse:
    from .calendar import build_calendar

    response = HttpResponse(
        build_calendar(events, request=request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class EventIndexPage(SeoMixin, RoutablePageMixin, Page):
    """Hội chợ, triển lãm, phiên chợ OCOP: upcoming and past, with a calendar feed."""

    intro = models.TextField(_("Giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.FairPage"]

    class Meta:
        verbose_name = _("Trang danh sách sự kiện")

    def events(self):
        return FairPage.objects.live().public().child_of(self).select_related("image")

    @path("")
    def index(self, request):
        return self.render(request)

    @path("lich/")
    def calendar(self, request):
        events = self.events().order_by("start_date", "pk")
        return _ics_response(events, request=request, filename=f"{self.slug}.ics")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        on = today()
        context["upcoming"] = self.events().filter(end_date__gte=on).order_by("start_date", "pk")
        context["past"] = _paginate(
            request, self.events().filter(end_date__lt=on).order_by("-start_date", "-pk"), 12
        )
        context["calendar_url"] = self.get_url(request) + self.reverse_subpage("calendar")
        return context


class FairPage(FoldedSearchMixin, SeoMixin, RoutablePageMixin, PlaceMixin, Page):
    """One fair or exhibition: dates (possibly several days), place, organiser, who takes
    part and at which booth, products on show, how to take part."""

    start_date = models.DateField(_("Ngày bắt đầu"))
    end_date = models.DateField(_("Ngày kết thúc"))
    opening_hours = models.CharField(
        _("Giờ mở cửa"), max_length=120, blank=True, help_text=_("Ví dụ: 8:00 – 21:00 hằng ngày")
    )
    venue = models.CharField(_("Địa điểm"), max_length=255)
    address = models.CharField(_("Địa chỉ"), max_length=255, blank=True)
    organiser = models.CharField(_("Đơn vị tổ chức"), max_length=255, blank=True)
    intro = models.TextField(_("Tóm tắt"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Ảnh chính"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(StoryBodyBlock(), verbose_name=_("Nội dung"), blank=True)
    how_to_take_part = RichTextField(_("Cách tham gia"), blank=True)
    registration_url = models.URLField(_("Đăng ký tham gia (liên kết)"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("opening_hours"),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("address"), *PlaceMixin.place_panels],
            heading=_("Địa điểm"),
        ),
        FieldPanel("organiser"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("participants", label=_("Nhà sản xuất tham gia")),
        InlinePanel("product_links", label=_("Sản phẩm giới thiệu")),
        MultiFieldPanel(
            [FieldPanel("how_to_take_part"), FieldPanel("registration_url")],
            heading=_("Cách tham gia"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("venue"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
        *FOLDED_SEARCH_FIELDS,
    ]
    folded_fields = ("title", "intro", "venue", "address", "organiser", "province_name")
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Hội chợ, sự kiện")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")})

    @property
    def is_past(self) -> bool:
        return self.end_date < today()

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @path("")
    def index(self, request):
        return self.render(request)

    @path("lich/")
    def calendar(self, request):
        return _ics_response([self], request=request, filename=f"{self.slug}.ics")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        product_ids = [link.product_id for link in self.product_links.all()]
        sellable = sellable_by_id([*product_ids_in(self.body), *product_ids])
        context["sellable_by_id"] = sellable
        context["products"] = [sellable[pk] for pk in dict.fromkeys(product_ids) if pk in sellable]
        context["participants"] = _with_producer_pages(
            lambda: self.participants.select_related("producer"), lambda p: p.producer
        )
        context["calendar_url"] = self.get_url(request) + self.reverse_subpage("calendar")
        return context


class FairParticipant(ProducerLink):
    page = ParentalKey(FairPage, on_delete=models.CASCADE, related_name="participants")
    booth = models.CharField(_("Gian hàng số"), max_length=32, blank=True)

    panels = [FieldPanel("producer"), FieldPanel("booth")]


class FairProduct(ProductLink):
    page = ParentalKey(FairPage, on_delete=models.CASCADE, related_name="product_links")

"""The shop's editorial pages: the home page and plain pages (policies, guides)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from shop.ocop.rules import sellable_products

from .blocks import BodyBlock


class HomePage(Page):
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
            [FieldPanel("featured_heading"), FieldPanel("featured_count")],
            heading=_("Sản phẩm nổi bật"),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("Trang chủ")

    def featured_products(self):
        """The newest products shoppers can buy today (THE rule decides, not this page)."""
        Product = get_model("catalogue", "Product")
        products = sellable_products(Product.objects.browsable())
        return products.order_by("-date_created", "-pk").prefetch_related(
            "images",
            "stockrecords__partner",
            "certificates__producer",
            "children__stockrecords",
        )[: self.featured_count]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_products"] = self.featured_products()
        return context


class StandardPage(Page):
    """A plain page staff write: the policies (returns, privacy, shipping...) and guides."""

    intro = models.TextField(_("Tóm tắt"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("Nội dung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("Trang nội dung")

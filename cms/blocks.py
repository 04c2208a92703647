"""StreamField blocks for editorial pages (policies, guides, stories, fairs)."""

import hashlib

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from .choosers import ProductChooserBlock


class NoticeBlock(blocks.StructBlock):
    """A boxed paragraph for what a shopper must not miss (deadlines, exceptions)."""

    text = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Nội dung"))

    class Meta:
        icon = "warning"
        label = _("Lưu ý nổi bật")
        template = "cms/blocks/notice.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title",
        icon="title",
        label=_("Tiêu đề mục"),
        template="cms/blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4"],
        icon="pilcrow",
        label=_("Đoạn văn"),
    )
    notice = NoticeBlock()


# --- Stories, villages, fairs --------------------------------------------------------


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(required=False, max_length=255, label=_("Chú thích"))
    credit = blocks.CharBlock(required=False, max_length=120, label=_("Nguồn ảnh"))

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "cms/blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Lời trích"))
    attribution = blocks.CharBlock(required=False, max_length=160, label=_("Người nói"))

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "cms/blocks/quote.html"


#: after a failed embed, how long pages show the plain link before asking the provider again
EMBED_RETRY_SECONDS = 10 * 60


def embed_html(embed) -> str:
    """The provider's embed HTML (cached by Wagtail in its Embed table), or "" when the
    provider cannot be reached or does not know the URL. A failure is remembered for a
    while, so a provider that is down does not slow every page view by its timeout."""
    if not embed or not getattr(embed, "url", ""):
        return ""
    key = "cms:embed-failed:" + hashlib.sha256(embed.url.encode()).hexdigest()[:32]
    if cache.get(key):
        return ""
    html = embed.html
    if not html:
        cache.set(key, True, EMBED_RETRY_SECONDS)
    return html


class VideoBlock(blocks.StructBlock):
    """A video from YouTube/Vimeo (oEmbed); a plain link when the provider cannot be reached."""

    video = EmbedBlock(label=_("Địa chỉ video"), max_width=800)
    caption = blocks.CharBlock(required=False, max_length=255, label=_("Chú thích"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "cms/blocks/video.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["embed_html"] = embed_html(value.get("video"))
        return context


class ProductCardsBlock(blocks.StructBlock):
    """Products chosen from the catalogue. Shown only while THE rule lets shoppers buy them:
    a product whose certificate expires after publishing silently drops out."""

    heading = blocks.CharBlock(required=False, max_length=120, label=_("Tiêu đề"))
    products = blocks.ListBlock(ProductChooserBlock(label=_("Sản phẩm")), label=_("Sản phẩm"))

    class Meta:
        icon = "tag"
        label = _("Thẻ sản phẩm")
        template = "cms/blocks/product_cards.html"

    def get_context(self, value, parent_context=None):
        from .products import sellable_in_order

        context = super().get_context(value, parent_context=parent_context)
        ids = [product.pk for product in value["products"] if product is not None]
        known = (parent_context or {}).get("sellable_by_id")
        if known is not None:
            context["cards"] = [known[pk] for pk in dict.fromkeys(ids) if pk in known]
        else:
            context["cards"] = sellable_in_order(ids)
        return context


class MapPinBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=160, label=_("Tên địa điểm"))
    latitude = blocks.DecimalBlock(min_value=-90, max_value=90, decimal_places=6, label=_("Vĩ độ"))
    longitude = blocks.DecimalBlock(
        min_value=-180, max_value=180, decimal_places=6, label=_("Kinh độ")
    )

    class Meta:
        icon = "site"
        label = _("Ghim bản đồ")
        template = "cms/blocks/map_pin.html"


class StoryBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title",
        icon="title",
        label=_("Tiêu đề mục"),
        template="cms/blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        icon="pilcrow",
        label=_("Đoạn văn"),
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    products = ProductCardsBlock()
    map_pin = MapPinBlock()


def product_ids_in(stream) -> list[int]:
    """The product ids every ``products`` block of a StreamField value names, in order.
    Reads the raw data, so no product is loaded from the database one by one."""
    ids: list[int] = []
    for block in stream.raw_data:
        if block.get("type") == "products":
            for item in (block.get("value") or {}).get("products") or []:
                pk = item.get("value") if isinstance(item, dict) else item
                if isinstance(pk, int):
                    ids.append(pk)
    return ids

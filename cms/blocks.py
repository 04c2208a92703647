"""StreamField blocks for editorial pages (policies, guides)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


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

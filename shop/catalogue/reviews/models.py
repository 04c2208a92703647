"""Reviews from real buyers: Oscar's review, plus the delivered order line that entitles it
(the "đã mua hàng" badge), an optional photo, and the producer's one public answer.

Who may review what is decided in ``shop.catalogue.reviews.rules``; new reviews wait for
staff moderation (``OSCAR_MODERATE_REVIEWS``) and only approved ones are shown.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.reviews.abstract_models import AbstractProductReview

BODY_MAX = 3000
ANSWER_MAX = 2000


class ProductReview(AbstractProductReview):
    order_line = models.OneToOneField(
        "order.Line",
        verbose_name=_("Dòng đơn hàng đã giao"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review",
        help_text=_("Dòng đơn hàng đã giao cho người viết: cho phép đánh giá (đã mua hàng)."),
    )
    photo = models.ImageField(_("Ảnh"), upload_to="reviews/", blank=True)
    answer = models.TextField(_("Trả lời của nhà sản xuất"), max_length=ANSWER_MAX, blank=True)
    answered_at = models.DateTimeField(_("Trả lời lúc"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_answers",
    )

    @property
    def is_verified_purchase(self) -> bool:
        return self.order_line_id is not None

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


from oscar.apps.catalogue.reviews.models import *  # noqa: E402, F403

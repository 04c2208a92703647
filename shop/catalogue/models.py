"""Oscar's catalogue with one change: a product counts its approved reviews in a column, as
it already keeps their average (``rating``), so a product card can show both without a query,
and only buyers of a delivered order line may review it (``shop.catalogue.reviews.rules``)."""

from django.db import models
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct


class Product(AbstractProduct):
    approved_review_count = models.PositiveIntegerField(
        _("Số đánh giá đã duyệt"), default=0, editable=False
    )

    @property
    def num_approved_reviews(self) -> int:
        return self.approved_review_count

    def update_rating(self):
        """The average and the count of the approved reviews, saved together."""
        result = self.reviews.filter(status=self.reviews.model.APPROVED).aggregate(
            total=Sum("score"), count=Count("id")
        )
        count = result["count"] or 0
        self.rating = float(result["total"]) / count if count else None
        self.approved_review_count = count
        self.save()

    update_rating.alters_data = True

    def calculate_rating(self):
        result = self.reviews.filter(status=self.reviews.model.APPROVED).aggregate(
            total=Sum("score"), count=Count("id")
        )
        return float(result["total"]) / result["count"] if result["count"] else None

    def is_review_permitted(self, user) -> bool:
        from .reviews.rules import review_permission

        return review_permission(user=user, product=self).allowed


from oscar.apps.catalogue.models import *  # noqa: E402, F403

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

    def approved_totals(self) -> tuple[float | None, int]:
        """The approved reviews' average score (None without any) and their count."""
        result = self.reviews.filter(status=self.reviews.model.APPROVED).aggregate(
            total=Sum("score"), count=Count("id")
        )
        count = result["count"] or 0
        return (float(result["total"]) / count if count else None), count

    def update_rating(self):
        """The average and the count of the approved reviews, saved together; only they
        (the review's copy of the product may be older than what a producer just saved)."""
        self.rating, self.approved_review_count = self.approved_totals()
        self.save(update_fields=["rating", "approved_review_count"])

    update_rating.alters_data = True

    def calculate_rating(self):
        return self.approved_totals()[0]

    def is_review_permitted(self, user) -> bool:
        from .reviews.rules import review_permission

        return review_permission(user=user, product=self).allowed


from oscar.apps.catalogue.models import *  # noqa: E402, F403

"""Writing reviews and answers: a buyer's review holds the delivered line that entitles it;
a producer answers a review of its own product once."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from oscar.core.loading import get_model

from .receivers import review_changed_for
from .rules import ALREADY, review_permission

ProductReview = get_model("reviews", "ProductReview")


#: review and answer posts (valid or not) per signed-in user per hour: enough for a person,
#: not for a script trying spam variants (shop.producers.ratelimit's counters)
POSTS_PER_HOUR = 20
TOO_MANY = "Bạn đã gửi quá nhiều lần trong một giờ. Vui lòng thử lại sau."


def too_many_posts(*, user) -> bool:
    """Count one more review or answer post by ``user``; whether they are over the limit."""
    from shop.producers import ratelimit

    key = f"review-posts:{user.pk}"
    if ratelimit.reached({key: POSTS_PER_HOUR}):
        return True
    ratelimit.bump(key, 60 * 60)
    return False


class ReviewRefused(Exception):
    """The review or answer is not allowed; ``str(error)`` says why, in Vietnamese."""


def submit_review(*, form, user) -> ProductReview:
    """Save a valid ``ProductReview`` form for ``user``, tied to the delivered line that
    entitles it, waiting for moderation. Decided again here (not only when the form was
    shown), and a double submission loses to the unique (product, user) and line."""
    product = form.instance.product
    permission = review_permission(user=user, product=product)
    if not permission.allowed:
        raise ReviewRefused(permission.reason)
    review = form.save(commit=False)
    review.user = user
    review.order_line = permission.line
    review.status = ProductReview.FOR_MODERATION
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError:
        raise ReviewRefused(ALREADY) from None
    return review


def reviews_for_producer(*, partner) -> QuerySet:
    """Reviews of the products ``partner`` owns (those its certificates name), newest first."""
    from shop.producers.services import products_of

    owned = products_of(partner).values("pk")
    return (
        ProductReview.objects.filter(Q(product__in=owned))
        .select_related("product", "user", "order_line")
        .order_by("-date_created", "-pk")
    )


ALREADY_ANSWERED = "Đánh giá này đã được trả lời: mỗi đánh giá chỉ trả lời được một lần."
NOT_APPROVED = "Chỉ trả lời được đánh giá đã được duyệt."


def answer_review(*, review: ProductReview, user, text: str) -> None:
    """The producer's one public answer (``review`` must be one of ``reviews_for_producer``).
    A second answer is refused, also when two arrive at once (a conditional UPDATE)."""
    if review.status != ProductReview.APPROVED:
        raise ReviewRefused(NOT_APPROVED)
    now = timezone.now()
    with transaction.atomic():
        updated = ProductReview.objects.filter(pk=review.pk, answered_at__isnull=True).update(
            answer=text, answered_at=now, answered_by=user
        )
        if not updated:
            raise ReviewRefused(ALREADY_ANSWERED)
        review_changed_for(review.product_id)  # (an UPDATE sends no post_save)
    review.answer, review.answered_at, review.answered_by = text, now, user

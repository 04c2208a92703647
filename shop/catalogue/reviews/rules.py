"""Who may review a product: a signed-in shopper with a line of that product (or of one of
its pack sizes) in one of their own orders, delivered (the line's status, which follows its
producer's shipment: shop/order/statuses.py) and not in a cancelled order; once per product.

``review_permission`` is the one place this is decided: the product page, the order page and
the review form ask it (through ``Product.is_review_permitted`` or directly).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from oscar.core.loading import get_model

from shop.order.statuses import CANCELLED, DELIVERED

Line = get_model("order", "Line")

SIGN_IN = "Vui lòng đăng nhập để đánh giá sản phẩm bạn đã mua."
ALREADY = "Bạn đã đánh giá sản phẩm này rồi."
NOT_DELIVERED = "Chỉ người mua đã nhận hàng mới được đánh giá sản phẩm này."
VARIANT = "Hãy đánh giá ở trang sản phẩm chính."


@dataclass(frozen=True)
class ReviewPermission:
    allowed: bool
    reason: str = ""
    #: the delivered line that entitles the review (the "đã mua hàng" badge)
    line: Line | None = None


def delivered_lines(*, user, product) -> QuerySet:
    """``user``'s delivered lines of ``product`` or its variants, oldest first, that no
    review holds yet."""
    return (
        Line.objects.filter(Q(product=product) | Q(product__parent=product))
        .filter(order__user=user, status=DELIVERED, review__isnull=True)
        .exclude(order__status=CANCELLED)
        .order_by("order__date_placed", "pk")
    )


def review_permission(*, user, product) -> ReviewPermission:
    if user is None or not user.is_authenticated:
        return ReviewPermission(False, SIGN_IN)
    if product.is_child:
        return ReviewPermission(False, VARIANT)
    if product.reviews.filter(user=user).exists():
        return ReviewPermission(False, ALREADY)
    line = delivered_lines(user=user, product=product).first()
    if line is None:
        return ReviewPermission(False, NOT_DELIVERED)
    return ReviewPermission(True, line=line)

"""Review stars (the shoppers' average, not the OCOP rank) for cards and the product page."""

from django import template
from django.utils.html import format_html

register = template.Library()


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")  # 4,3 as Vietnamese writes it


@register.simple_tag
def review_stars(score, count=None):
    """★★★★☆ for a score (an int, or a product's average rounded to the half), read out as
    "4,3 trên 5 sao"; with ``count``, the average and "(12 đánh giá)" beside it."""
    if score is None:
        return ""
    value = float(score)
    full = max(0, min(5, int(value + 0.5)))  # half up: 4,5 shows five stars
    stars = "★" * full + "☆" * (5 - full)
    label = f"{_number(value)} trên 5 sao"
    html = format_html(
        '<span class="review-stars" role="img" aria-label="{}">{}</span>', label, stars
    )
    if count is None:
        return html
    return format_html(
        '{} <span class="review-stars__average">{}</span>'
        ' <span class="review-stars__count">({} đánh giá)</span>',
        html,
        _number(value),
        count,
    )


@register.simple_tag
def own_review(product, user):
    """``user``'s own review of ``product`` (any status), or None: a signed-in shopper is
    told that theirs waits for moderation or was not approved."""
    if user is None or not user.is_authenticated:
        return None
    return product.reviews.filter(user=user).first()


@register.simple_tag
def review_badge(score, count):
    """A card's compact line for shoppers' reviews, "★ 4,3 · 12 đánh giá": one star, so it is
    not read as the card's OCOP rank (a row of stars) beside it."""
    if score is None or not count:
        return ""
    value = _number(float(score))
    return format_html(
        '<span class="review-badge" aria-label="Khách mua chấm {} trên 5 sao, {} đánh giá">'
        '<span class="review-badge__star" aria-hidden="true">★</span> {} · {} đánh giá</span>',
        value,
        count,
        value,
        count,
    )

"""Oscar's review admin, with what moderation needs here: the delivered line behind the
'đã mua hàng' badge, the photo, and the producer's answer (staff may edit or clear it)."""

from django.contrib import admin
from oscar.apps.catalogue.reviews import admin as oscar_admin
from oscar.core.loading import get_model

ProductReview = get_model("reviews", "ProductReview")

admin.site.unregister(ProductReview)


@admin.register(ProductReview)
class ProductReviewAdmin(oscar_admin.ProductReviewAdmin):
    list_display = (
        "product",
        "title",
        "score",
        "status",
        "is_verified_purchase",
        "is_answered",
        "date_created",
    )
    list_filter = ("status",)
    raw_id_fields = ("product", "user", "order_line", "answered_by")
    readonly_fields = ("total_votes", "delta_votes", "order_line", "answered_at", "answered_by")

    @admin.display(boolean=True, description="Đã mua hàng")
    def is_verified_purchase(self, review):
        return review.is_verified_purchase

    @admin.display(boolean=True, description="Đã trả lời")
    def is_answered(self, review):
        return review.is_answered

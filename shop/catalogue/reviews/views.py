"""Oscar's review views, with the buyer rule (``rules.review_permission``): the form is
offered and accepted only for a delivered line of the shopper's own order."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from oscar.apps.catalogue.reviews import views as oscar_views
from oscar.apps.catalogue.reviews.views import AddVoteView  # noqa: F401

from . import services
from .rules import review_permission

CreateProductReviewBase = oscar_views.CreateProductReview


class CreateProductReview(CreateProductReviewBase):
    def dispatch(self, request, *args, **kwargs):
        self.product = get_object_or_404(
            self.product_model, pk=kwargs["product_pk"], is_public=True
        )
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        permission = review_permission(user=request.user, product=self.product)
        if not permission.allowed:
            messages.warning(request, permission.reason)
            return redirect(self.product.get_absolute_url())
        if request.method == "POST" and services.too_many_posts(user=request.user):
            return HttpResponse(services.TOO_MANY, status=429, content_type="text/plain")
        # Skip Oscar's own check (any signed-in user): ours is the rule.
        return super(CreateProductReviewBase, self).dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            self.object = services.submit_review(form=form, user=self.request.user)
        except services.ReviewRefused as refused:
            messages.warning(self.request, str(refused))
            return redirect(self.product.get_absolute_url())
        response = redirect(self.get_success_url())
        self.send_signal(self.request, response, self.object)
        return response

    def get_success_url(self):
        messages.success(
            self.request,
            "Cảm ơn bạn đã đánh giá! Đánh giá sẽ hiện trên trang sản phẩm sau khi được duyệt.",
        )
        return self.product.get_absolute_url()


class ProductReviewList(oscar_views.ProductReviewList):
    """The approved reviews of a product, with their authors in the same query."""

    def get_queryset(self):
        return super().get_queryset().select_related("user")


class ProductReviewDetail(oscar_views.ProductReviewDetail):
    """One approved review of this product: a review waiting for moderation or rejected is
    a 404 (Oscar's view shows any review by its id)."""

    def get_queryset(self):
        return self.model.objects.approved().filter(product=self.kwargs["product_pk"])

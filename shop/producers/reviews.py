"""The producer reads the approved reviews of its own products and answers each once,
publicly (shop.catalogue.reviews.services.answer_review). A review of another producer's
product is a 404, whatever id is in the URL."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from oscar.core.loading import get_model

from shop.catalogue.reviews import services as reviews
from shop.catalogue.reviews.forms import AnswerForm

from .views import ProducerMixin

ProductReview = get_model("reviews", "ProductReview")


class ReviewListView(ProducerMixin, View):
    def get(self, request):
        mine = reviews.reviews_for_producer(partner=self.partner)
        return self.render(
            "review_list.html",
            {
                "reviews": mine.filter(status=ProductReview.APPROVED)[:200],
                "waiting": mine.filter(status=ProductReview.FOR_MODERATION).count(),
                "form": AnswerForm(),
            },
        )


class ReviewAnswerView(ProducerMixin, View):
    def post(self, request, pk):
        review = get_object_or_404(reviews.reviews_for_producer(partner=self.partner), pk=pk)
        if reviews.too_many_posts(user=request.user):
            messages.error(request, reviews.TOO_MANY)
            return redirect("producers:review-list")
        form = AnswerForm(request.POST)
        if not form.is_valid():
            for error in form.errors["answer"]:
                messages.error(request, error)
            return redirect("producers:review-list")
        try:
            reviews.answer_review(
                review=review, user=request.user, text=form.cleaned_data["answer"]
            )
        except reviews.ReviewRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, "Đã đăng câu trả lời dưới đánh giá.")
        return redirect("producers:review-list")

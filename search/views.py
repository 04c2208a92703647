"""Catalogue, category and search pages, served from the database search service.

Oscar's own views go through haystack, whose simple engine lists nothing; these replace
them (Oscar's catalogue app resolves ``search.views.CatalogueView`` etc. to this module).
"""

from urllib.parse import unquote

from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from .service import SORTS, ProductQuery, search_products

Category = get_model("catalogue", "Category")

SORT_LABELS = {
    "relevance": _("Phù hợp nhất"),
    "newest": _("Mới nhất"),
    "price-asc": _("Giá tăng dần"),
    "price-desc": _("Giá giảm dần"),
    "title": _("Tên A–Z"),
}


class ProductListView(TemplateView):
    template_name = "search/products.html"
    paginate_by = 24
    summary = _("Tất cả sản phẩm")

    def get_category(self):
        return None

    def get(self, request, *args, **kwargs):
        self.category = self.get_category()
        sort = request.GET.get("sort", "relevance")
        self.query = ProductQuery(
            q=request.GET.get("q", "").strip()[:200],
            category=self.category,
            sort=sort if sort in SORTS else "relevance",
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        paginator = Paginator(search_products(self.query), self.paginate_by)
        page_number = self.request.GET.get("page", 1)
        try:
            page = paginator.page(page_number)
        except Exception:  # noqa: BLE001  (bad page numbers show the first page)
            page = paginator.page(1)
        ctx.update(
            products=page.object_list,
            page_obj=page,
            paginator=paginator,
            query=self.query.q,
            sort=self.query.sort,
            sort_options=SORT_LABELS.items(),
            category=self.category,
            categories=Category.objects.filter(depth=1, is_public=True).order_by("path"),
            summary=self.category.name if self.category else self.summary,
        )
        return ctx


class CatalogueView(ProductListView):
    pass


class ProductCategoryView(ProductListView):
    def get_category(self):
        category = get_object_or_404(Category, pk=self.kwargs["pk"])
        if not (category.is_public or self.request.user.is_staff):
            raise Http404
        return category

    def get(self, request, *args, **kwargs):
        category = self.get_category()
        if unquote(category.get_absolute_url()) != unquote(request.path):
            return HttpResponsePermanentRedirect(category.get_absolute_url())
        return super().get(request, *args, **kwargs)


class FacetedSearchView(ProductListView):
    summary = _("Kết quả tìm kiếm")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self.query.q:
            ctx["summary"] = _("Kết quả cho “%(q)s”") % {"q": self.query.q}
        return ctx

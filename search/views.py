"""Catalogue, category and search pages, and the as-you-type suggestions, all served by the
search service (search.service).

Oscar's own views go through haystack, whose simple engine lists nothing; these replace
them (Oscar's catalogue app resolves ``search.views.CatalogueView`` etc. to this module).
"""

from urllib.parse import unquote, urlencode

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from shop.catalogue import cache as page_cache
from shop.catalogue.cards import root_categories, stored_cards_for

from . import dead_ends, pages, service
from .service import SORTS, ProductQuery

Category = get_model("catalogue", "Category")

SORT_LABELS = {
    "relevance": _("Phù hợp nhất"),
    "newest": _("Mới nhất"),
    "price-asc": _("Giá tăng dần"),
    "price-desc": _("Giá giảm dần"),
    "stars": _("Nhiều sao nhất"),
    "rating": _("Đánh giá cao"),
    "title": _("Tên A–Z"),
}
PAGE_SIZE = 24


def _ints(values, limit=20) -> tuple[int, ...]:
    return tuple(int(v) for v in values[:limit] if v.isdigit())


def _strs(values, limit=20) -> tuple[str, ...]:
    return tuple(v[:32] for v in values[:limit] if v)


def query_from_request(request, *, category=None) -> ProductQuery:
    get = request.GET
    sort = get.get("sort", "relevance")
    price = get.get("price", "")
    return ProductQuery(
        q=get.get("q", "").strip()[:200],
        category=category,
        sort=sort if sort in SORTS else "relevance",
        groups=_strs(get.getlist("group")),
        stars=_ints(get.getlist("stars")),
        provinces=_strs(get.getlist("province")),
        producers=_ints(get.getlist("producer")),
        price=price if price in service.PRICE_BANDS else "",
        in_stock=get.get("in_stock") == "1",
    )


class _Counted(list):
    """Stands in for the object list so Django's Paginator knows the total without
    slicing a queryset: the backend already returned just the page."""

    def __init__(self, items, total):
        super().__init__(items)
        self.total = total

    def count(self, *args):
        return self.total


class ProductListView(TemplateView):
    template_name = "search/products.html"
    paginate_by = PAGE_SIZE
    summary = _("Tất cả sản phẩm")

    def get_category(self):
        return None

    cache_scope = "listing"

    def get(self, request, *args, **kwargs):
        self.category = getattr(self, "_category", None) or self.get_category()
        self.query = query_from_request(request, category=self.category)
        # Whole pages for anonymous shoppers, keyed by the catalogue's versions and the
        # query string (shop.catalogue.cache): what changes a product drops them.
        return page_cache.serve_cached(
            request,
            lambda: self._render(request, *args, **kwargs),
            scope=self.cache_scope,
        )

    def _render(self, request, *args, **kwargs):
        # Products whose cards are stored come as those cards (cards.load_cards).
        with stored_cards_for(request):
            return super().get(request, *args, **kwargs)

    def _page_number(self) -> int:
        try:
            return max(1, int(self.request.GET.get("page", 1)))
        except ValueError:
            return 1

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        number = self._page_number()
        result = service.search(
            self.query, offset=(number - 1) * self.paginate_by, limit=self.paginate_by
        )
        if not result.products and number > 1 and result.total:
            number = 1
            result = service.search(self.query, offset=0, limit=self.paginate_by)
        paginator = Paginator(_Counted([], result.total), self.paginate_by)
        try:
            paginator.validate_number(number)
        except (EmptyPage, PageNotAnInteger):
            number = 1
        page = Page(result.products, number, paginator)
        params = self.request.GET.copy()
        params.pop("page", None)
        base_params = params.urlencode()
        ctx.update(
            products=result.products,
            page_obj=page,
            paginator=paginator,
            query=self.query.q,
            sort=self.query.sort,
            sort_options=SORT_LABELS.items(),
            facets=[f for f in result.facets.values() if f.values],
            corrections=result.corrections,
            did_you_mean=result.did_you_mean,
            filtered=any(self.query.selected(name) for name in service.FACETS),
            page_params=base_params,
            clear_url="?" + urlencode({"q": self.query.q}) if self.query.q else "?",
            category=self.category,
            categories=root_categories(),
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
        # A stored page first: only the canonical address of a public category is stored,
        # and any category change bumps the catalogue version in its key.
        hit = page_cache.cached_page(request, scope=self.cache_scope)
        if hit is not None:
            return hit
        category = self.get_category()
        if unquote(category.get_absolute_url()) != unquote(request.path):
            return HttpResponsePermanentRedirect(category.get_absolute_url())
        self._category = category
        return super().get(request, *args, **kwargs)


class FacetedSearchView(ProductListView):
    summary = _("Kết quả tìm kiếm")
    cache_scope = "search"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self.query.q:
            ctx["summary"] = _("Kết quả cho “%(q)s”") % {"q": self.query.q}
            ctx["page_hits"] = pages.search_pages(self.query.q, limit=5, request=self.request)
            ctx["page_hits_heading"] = pages.HEADING
            ctx["producer_hits"] = dead_ends.producers(self.query.q)
            if not ctx["products"] and not ctx["filtered"]:  # no dead end
                ctx["gift_sets"] = dead_ends.gift_sets()
        return ctx


class SuggestView(View):
    """``GET /shop/search/suggest/?q=che`` → products, producers, craft villages, stories
    and events, for the search box."""

    def get(self, request):
        q = request.GET.get("q", "").strip()[:100]
        data = {"products": [], "producers": [], "villages": [], "stories": [], "events": []}
        if len(q) >= 2:
            data.update(service.suggest(q))
            data.update(pages.suggestions(q, request=request))
        response = JsonResponse({"q": q, **data})
        response["Cache-Control"] = "public, max-age=60"
        return response

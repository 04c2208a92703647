from django.db.models import Prefetch
from oscar.apps.catalogue import views as oscar_views
from oscar.core.loading import get_model

from . import cache as page_cache

StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductReview = get_model("reviews", "ProductReview")


class ProductDetailView(oscar_views.ProductDetailView):
    """Oscar's product page, served from cache to anonymous shoppers with an empty basket.

    Such a visitor sees exactly the same page as any other, except the CSRF token of the
    add-to-basket form, which is put in fresh for each request.
    """

    def get_queryset(self):
        return Product.objects.select_related("product_class", "parent").prefetch_related(
            Prefetch("stockrecords", queryset=StockRecord.objects.order_by("pk")),
            "images",
            "certificates__producer",
            "children__stockrecords",
            "batches__area",
            "origin_areas",
            Prefetch(
                "reviews",
                queryset=ProductReview.objects.approved()
                .select_related("user")
                .order_by("-date_created", "-pk")[:3],
                to_attr="latest_reviews",
            ),
        )

    def get(self, request, *args, **kwargs):
        # No query string: `?` variants of a product page are not worth a cache entry.
        if request.GET:
            return super().get(request, *args, **kwargs)
        return page_cache.serve_cached(
            request,
            lambda: super(ProductDetailView, self).get(request, *args, **kwargs),
            scope="product",
            product_id=int(kwargs["pk"]),
        )


CatalogueView = oscar_views.CatalogueView
ProductCategoryView = oscar_views.ProductCategoryView

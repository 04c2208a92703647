from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.http import HttpResponse
from oscar.apps.catalogue import views as oscar_views
from oscar.core.loading import get_model

from shop.gifts import services as gift_services
from shop.ocop.models import Certificate
from shop.ocop.rules import gift_kind
from shop.origin.models import Batch

from . import cache as page_cache
from . import page_shell

StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
Option = get_model("catalogue", "Option")
Recommendation = get_model("catalogue", "ProductRecommendation")


def _stockrecords() -> Prefetch:
    # With the partner: a product without a certificate is named by it.
    return Prefetch(
        "stockrecords", queryset=StockRecord.objects.select_related("partner").order_by("pk")
    )


class ProductDetailView(oscar_views.ProductDetailView):
    """Oscar's product page, served from cache to anonymous shoppers (shop.catalogue.cache).

    Such a visitor sees exactly the same page as any other, except the CSRF token of the
    add-to-basket form and the header's basket count, which are put in fresh for each
    request.
    """

    def get_queryset(self):
        return (
            # A gift set with its curator joined (nothing for other products).
            Product.objects.select_related(
                "product_class", "parent", "gift_set__curator_partner"
            ).annotate(
                # What Oscar's basket form asks (``has_options``), answered in this query.
                has_product_class_options=Exists(
                    Option.objects.filter(productclass=OuterRef("product_class"))
                ),
                has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
                # No query for the recommended cards of a product recommending none.
                has_recommendations=Exists(Recommendation.objects.filter(primary=OuterRef("pk"))),
            )
            # Stock records, photos and certificates: get_object (with a gift set's
            # components'); the facts, reviews and origin areas: only when a stored part of
            # the page must be rendered (templatetags.product_page_tags.load_parts).
        )

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:  # (Oscar asks twice)
            return self.object
        shared = self.request.method == "GET" and page_cache.shares_parts(self.request)
        if shared:
            product = page_cache.stored_product(self.request, int(self.kwargs["pk"]))
            if product is not None:
                # Stored with all it was loaded with but its offer: price and stock now.
                prefetch_related_objects([product], _stockrecords())
                return product
        product = super().get_object(queryset)
        owner = product.parent if product.is_child else product
        # A gift set's components with what the page reads of them, the set's own stock
        # records, photos and certificates in the same queries; any other product's alone.
        if gift_services.load_for_page(product, also=[product]) is None:
            prefetch_related_objects(
                [product],
                # With the partner: a product without a certificate is named by it.
                _stockrecords(),
                "images",
                Prefetch("certificates", queryset=Certificate.objects.select_related("producer")),
            )
        if product.is_parent:
            prefetch_related_objects([product], "children__stockrecords")
        if product.is_child:
            prefetch_related_objects(
                [owner],
                Prefetch("certificates", queryset=Certificate.objects.select_related("producer")),
            )
        if not gift_kind(owner):
            # Batches: THE rule reads their dates, the origin shows them (with their area).
            # (A gift basket has none: its components' batches decide for it.)
            prefetch_related_objects(
                [owner], Prefetch("batches", queryset=Batch.objects.select_related("area"))
            )
        if shared and not product.is_parent and not product.is_child and not gift_kind(product):
            # A plain product (a variant, a parent and a gift read more than themselves).
            page_cache.keep_product(self.request, product)
        return product

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

    def render_to_response(self, context, **response_kwargs):
        """Oscar's page; for a visitor who may share it (its stored one being out of date),
        from its shell when only its offer changed (page_shell), else rendered whole with
        its shell kept."""
        response = super().render_to_response(context, **response_kwargs)
        if self.request.GET or not page_cache.cacheable(self.request):
            return response
        template = response.resolve_template(response.template_name)
        html = page_shell.render(self.request, self.object, template, context)
        if html is not None:
            return HttpResponse(html)
        response.add_post_render_callback(
            lambda rendered: page_shell.store(
                self.request, self.object, template.template.name, rendered.content.decode()
            )
        )
        return response


CatalogueView = oscar_views.CatalogueView
ProductCategoryView = oscar_views.ProductCategoryView

import re

from django.core.cache import cache
from django.db.models import Prefetch
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language
from oscar.apps.catalogue import views as oscar_views
from oscar.core.loading import get_model

from . import cache as page_cache

StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")

CSRF_PLACEHOLDER = "__CSRF_TOKEN_PLACEHOLDER__"
# Every masked token Django rendered into a form; each visitor gets its own on the way out.
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')


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
        )

    def cacheable(self, request) -> bool:
        basket_cookie = any(name.startswith("oscar_open_basket") for name in request.COOKIES)
        return (
            request.method == "GET"
            and not request.GET
            and not request.user.is_authenticated
            and not basket_cookie
            and not request.COOKIES.get("messages")
        )

    def get(self, request, *args, **kwargs):
        if not self.cacheable(request):
            return super().get(request, *args, **kwargs)
        key = page_cache.page_key(
            product_id=int(kwargs["pk"]), path=request.path, language=get_language() or ""
        )
        html = cache.get(key)
        if html is None:
            response = super().get(request, *args, **kwargs)
            if response.status_code != 200 or not hasattr(response, "render"):
                return response
            response.render()
            html = CSRF_INPUT.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", response.content.decode())
            cache.set(key, html, page_cache.TIMEOUT)
            return response
        fresh = html.replace(CSRF_PLACEHOLDER, get_token(request))
        response = HttpResponse(fresh)
        response["Vary"] = "Cookie, Accept-Language"
        response["X-Page-Cache"] = "hit"
        return response


CatalogueView = oscar_views.CatalogueView
ProductCategoryView = oscar_views.ProductCategoryView

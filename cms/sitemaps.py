"""sitemap.xml: the live CMS pages (Wagtail's sitemap) and the products shoppers can buy
today (THE rule: a product whose certificate expired leaves the sitemap the same day)."""

from django.contrib.sitemaps import Sitemap
from oscar.core.loading import get_model
from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from shop.ocop.rules import sellable_products


class ProductSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8
    limit = 5000

    def items(self):
        Product = get_model("catalogue", "Product")
        return (
            sellable_products(Product.objects.browsable())
            .only("pk", "slug", "date_updated")
            .order_by("pk")
        )

    def lastmod(self, product):
        return product.date_updated

    def location(self, product):
        return product.get_absolute_url()


class CmsSitemap(PageSitemap):
    """Wagtail's sitemap for the request's site (each translation is a page of its own)."""


def sitemaps() -> dict:
    return {"pages": CmsSitemap, "products": ProductSitemap}

"""Template tags for the shared look (templates/base.html and the storefront partials).

They read; they decide nothing. Whether a product can be bought is THE rule's answer
(shop.ocop.rules), which the Oscar strategy puts in ``session.availability``.
"""

from django import template
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.models import Site

from shop.ocop.models import ProductGroup
from shop.ocop.rules import best_certificate, sellable_products, today
from shop.text import fold, slugify

from ..models import StandardPage
from ..policies import POLICY_PAGES

register = template.Library()

CACHE_SECONDS = 600
POLICY_CACHE_KEY = "cms:policy-urls:{site}"
NAV_CACHE_KEY = "cms:nav-groups"
SITE_CACHE_KEY = "cms:site-for:{host}"
SITE_HOSTS_KEY = "cms:site-for:hosts"

# Short names for the header; the full name is the link's title.
SHORT_GROUP_NAMES = {
    ProductGroup.FOOD: _("Thực phẩm"),
    ProductGroup.BEVERAGE: _("Đồ uống"),
    ProductGroup.HERBAL: _("Dược liệu"),
    ProductGroup.HANDICRAFT: _("Thủ công mỹ nghệ"),
    ProductGroup.ORNAMENTAL: _("Sinh vật cảnh"),
    ProductGroup.TOURISM: _("Du lịch cộng đồng"),
}


def _site_for(request) -> Site | None:
    site = Site.find_for_request(request) if request is not None else None
    return site or Site.objects.filter(is_default_site=True).first()


def _site_id_for(request) -> int | None:
    """The pk of the request's Wagtail site, cached by host: the footer on every page needs
    it, and a Site lookup is a query. A Site saved or deleted clears these (cms.signals)."""
    try:
        host = request.get_host() if request is not None else ""
    except Exception:  # noqa: BLE001 (a disallowed host: Django answers 400 elsewhere)
        host = ""
    key = SITE_CACHE_KEY.format(host=host)
    found = cache.get(key)
    if found is None:
        site = _site_for(request)
        found = site.pk if site is not None else 0
        cache.set(key, found, CACHE_SECONDS)
        known = set(cache.get(SITE_HOSTS_KEY) or ()) | {key}
        cache.set(SITE_HOSTS_KEY, sorted(known), None)
    return found or None


def clear_site_cache() -> None:
    cache.delete_many([*(cache.get(SITE_HOSTS_KEY) or ()), SITE_HOSTS_KEY])


def policy_urls(request=None) -> dict[str, str]:
    """slug → URL of the live policy pages of the request's site (cached)."""
    site_id = _site_id_for(request)
    if site_id is None:
        return {}
    key = POLICY_CACHE_KEY.format(site=site_id)
    urls = cache.get(key)
    if urls is None:
        site = Site.objects.select_related("root_page").get(pk=site_id)
        urls = {}
        pages = (
            StandardPage.objects.live()
            .public()
            .descendant_of(site.root_page)
            .filter(slug__in=[slug for slug, _label in POLICY_PAGES])
            .order_by("-depth")  # the shallowest page of a slug wins (written last)
        )
        for page in pages:
            url = page.get_url(request)
            if url:
                urls[page.slug] = url
        cache.set(key, urls, CACHE_SECONDS)
    return urls


def clear_policy_cache() -> None:
    cache.delete_many(
        [POLICY_CACHE_KEY.format(site=pk) for pk in Site.objects.values_list("pk", flat=True)]
    )


@register.simple_tag(takes_context=True)
def policy_links(context) -> list[dict]:
    """The footer's policy links, in order, for the pages that exist and are live."""
    urls = policy_urls(context.get("request"))
    return [
        {"slug": slug, "label": label, "url": urls[slug]}
        for slug, label in POLICY_PAGES
        if slug in urls
    ]


@register.simple_tag
def ocop_nav_groups() -> list[dict]:
    """The six OCOP groups for the header. A group links to the catalogue category of the same
    name when there is one, otherwise to the whole catalogue."""
    found = cache.get(NAV_CACHE_KEY)
    if found is None:
        Category = get_model("catalogue", "Category")
        found = {}
        for category in Category.objects.filter(depth=1, is_public=True):
            found[fold(category.name)] = category.get_absolute_url()
            found[category.slug] = category.get_absolute_url()
        cache.set(NAV_CACHE_KEY, found, CACHE_SECONDS)
    index = reverse("catalogue:index")
    groups = []
    for group in ProductGroup:
        url = found.get(fold(group.label)) or found.get(slugify(str(group.label)))
        url = url or found.get(fold(SHORT_GROUP_NAMES[group])) or index
        groups.append(
            {
                "value": group.value,
                "label": SHORT_GROUP_NAMES[group],
                "title": group.label,
                "url": url,
            }
        )
    return groups


@register.simple_tag
def ocop_certificate(product):
    """The certificate that speaks for ``product`` today (a variant speaks with its parent's)."""
    if product is None:
        return None
    owner = product.parent if getattr(product, "is_child", False) else product
    return best_certificate(owner.certificates.all(), on=today())


@register.simple_tag
def ocop_producer(product, certificate=None):
    """The producer of ``product``: the certificate holder, else the stock record's partner."""
    if certificate is not None:
        return certificate.producer
    stockrecord = next(iter(product.stockrecords.all()), None) if product is not None else None
    return stockrecord.partner if stockrecord is not None else None


@register.inclusion_tag("partials/ocop_stars.html")
def ocop_stars(stars, size="md"):
    """★★★★☆ with a text equivalent for screen readers."""
    stars = int(stars or 0)
    return {"stars": stars, "filled": range(stars), "empty": range(max(0, 5 - stars)), "size": size}


@register.filter
def only_sellable(products):
    """Keep, in order, the products THE rule lets shoppers buy today (for side lists such as
    "recommended" and "recently viewed", which Oscar builds without the rule)."""
    products = list(products or [])
    if not products:
        return []
    Product = get_model("catalogue", "Product")
    allowed = set(
        sellable_products(Product.objects.filter(pk__in=[p.pk for p in products])).values_list(
            "pk", flat=True
        )
    )
    return [p for p in products if p.pk in allowed]


@register.filter
def vslug(value):
    """An anchor id from Vietnamese text: "Đổi trả" → "doi-tra"."""
    return slugify(str(value))

"""What a product page tells search engines and chat apps: schema.org Product/Offer JSON-LD
(Google) and Open Graph / Twitter card tags (Facebook, Zalo), for plain products and gift
baskets alike.

The offer's availability follows THE sellability rule (shop.ocop.rules.check_product): a
product the rule keeps off sale is ``Discontinued`` (certificate revoked, expired, product
unpublished...), except a gift set whose component merely ran out, which is ``OutOfStock``;
a sellable one is ``InStock`` while the shop's availability policy lets it be bought, else
``OutOfStock``. The price is the one the
shopper pays (VAT included), in whole đồng.

The product page is served from cache (shop.catalogue.cache): these tags are part of its
HTML and change with it, whenever the price, stock, a certificate or a review changes.
Absolute URLs start from ``SITE_URL`` (``settings.WAGTAILADMIN_BASE_URL``), never from the
request's Host header, which a cached page would otherwise hand to every visitor.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from oscar.core.loading import get_class

from shop.gifts.models import gift_set_or_none
from shop.gifts.services import load_for_page
from shop.ocop.rules import Sellability, best_certificate, gift_kind, today

Selector = get_class("partner.strategy", "Selector")

SCHEMA = "https://schema.org/"
#: schema.org availability → Open Graph's product:availability word.
OG_AVAILABILITY = {
    "InStock": "in stock",
    "OutOfStock": "out of stock",
    "Discontinued": "discontinued",
}
#: The rule's reasons that only mean "none left for now" (a gift set's component ran out).
OUT_OF_STOCK_CODES = {"gift_component_out_of_stock"}
# Inside <script>, "</script>" or "<!--" in a product name must not end or change the
# script: the characters HTML reads there are written as JSON escapes (as json_script does).
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


@dataclass
class ProductMeta:
    title: str
    description: str
    url: str
    image: str
    image_alt: str
    image_size: tuple[int, int] | None
    brand: str
    availability: str  # a schema.org availability name: InStock, OutOfStock, Discontinued
    price: int | None  # whole VND, VAT included; None when the product has no price
    currency: str
    sku: str
    json_ld: dict = field(default_factory=dict)

    @property
    def og_availability(self) -> str:
        return OG_AVAILABILITY[self.availability]


def script_json(data) -> SafeString:
    """``data`` as JSON that is safe to put between <script> tags."""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder, separators=(",", ":"))
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 - escaped just above


def site_url(request=None) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or (
        request.build_absolute_uri("/") if request is not None else ""
    )
    return base.rstrip("/") + "/"


def absolute(url: str, *, base: str) -> str:
    return urljoin(base, url) if url else ""


def _text(value: str, limit: int) -> str:
    plain = " ".join(html.unescape(strip_tags(value or "")).split())
    return Truncator(plain).chars(limit)


def _image(product) -> tuple[str, str, tuple[int, int] | None]:
    """(URL, alt text, (width, height)) of the product's main photo as the page shows it
    (at most 800 px), or ("", "", None) without a photo."""
    from oscar.core.thumbnails import get_thumbnailer

    image = product.primary_image()
    if isinstance(image, dict):  # Oscar's stand-in when there is no photo
        return "", "", None
    alt = image.caption or product.get_title()
    try:
        thumbnail = get_thumbnailer().generate_thumbnail(
            image.original, size="800x800", upscale=False
        )
        return thumbnail.url, alt, (thumbnail.width, thumbnail.height)
    except Exception:  # noqa: BLE001 - a broken file: the original, as the page links it
        return image.original.url, alt, None


def _brand(product, kind: str, certificate) -> str:
    shop_name = getattr(settings, "OSCAR_SHOP_NAME", "Chợ OCOP")
    if kind == "gift_set":
        gift_set = gift_set_or_none(product)
        curator = gift_set.curator_partner if gift_set is not None else None
        return curator.name if curator is not None else shop_name
    if kind == "box":
        return shop_name
    if certificate is not None:
        return certificate.producer.name
    record = next(iter(product.stockrecords.all()), None)
    return record.partner.name if record is not None else shop_name


def product_meta(*, product, request=None, strategy=None) -> ProductMeta:
    """Everything the page's head says about ``product``."""
    strategy = strategy or getattr(request, "strategy", None) or Selector().strategy(request)
    base = site_url(request)
    kind = gift_kind(product)
    if kind == "gift_set":
        load_for_page(product)  # once for the page: the head, the buy box, the contents
    info = strategy.fetch_for_product(product)
    day = getattr(strategy, "today", None) or today()
    # The strategy asked the rule first: an unsellable product's availability carries the
    # rule's verdict; any other one passed it.
    sellability = getattr(info.availability, "sellability", None)
    if sellability is None:
        sellability = Sellability(True, "ok", "")
    # A plain product's certificate that speaks for it today.
    owner = product.parent if product.is_child else product
    certificate = None if kind else best_certificate(owner.certificates.all(), on=day)

    if sellability.code in OUT_OF_STOCK_CODES:
        availability = "OutOfStock"  # off sale only until the stock comes back
    elif not sellability:
        availability = "Discontinued"
    elif info.availability.is_available_to_buy:
        availability = "InStock"
    else:
        availability = "OutOfStock"
    price = None
    currency = getattr(settings, "OSCAR_DEFAULT_CURRENCY", "VND")
    if info.price.exists and info.price.is_tax_known:
        price, currency = int(info.price.incl_tax), info.price.currency
    record = info.stockrecord
    sku = (record.partner_sku if record is not None else "") or product.upc or str(product.pk)

    title = product.get_title()
    description = _text(product.get_meta_description(), 300)
    if not description and certificate is not None:
        description = f"Sản phẩm OCOP {certificate.stars} sao của {certificate.producer.name}."
    url = absolute(product.get_absolute_url(), base=base)
    image_url, image_alt, image_size = _image(product)
    image = absolute(image_url, base=base)
    brand = _brand(product, kind, certificate)
    seller = getattr(settings, "SELLER", {}).get("name") or brand

    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": title,
        "description": description,
        "url": url,
        "sku": sku,
        "brand": {"@type": "Brand", "name": brand},
    }
    if image:
        data["image"] = [image]
    if certificate is not None:
        data["manufacturer"] = {"@type": "Organization", "name": certificate.producer.name}
    if price is not None:
        offer = {
            "@type": "Offer",
            "url": url,
            "price": price,
            "priceCurrency": currency,
            "availability": SCHEMA + availability,
            "itemCondition": SCHEMA + "NewCondition",
            "seller": {"@type": "Organization", "name": seller, "url": base},
        }
        if sellability and certificate is not None and certificate.is_valid_on(day):
            # The price holds no longer than the certificate that lets the product be sold.
            offer["priceValidUntil"] = certificate.valid_until.isoformat()
        data["offers"] = offer
    if product.rating is not None:
        count = product.num_approved_reviews
        if count:
            data["aggregateRating"] = {
                "@type": "AggregateRating",
                "ratingValue": round(product.rating, 1),
                "reviewCount": count,
                "bestRating": 5,
                "worstRating": 0,
            }
    return ProductMeta(
        title=title,
        description=description,
        url=url,
        image=image,
        image_alt=image_alt,
        image_size=image_size,
        brand=brand,
        availability=availability,
        price=price,
        currency=currency,
        sku=sku,
        json_ld=data,
    )

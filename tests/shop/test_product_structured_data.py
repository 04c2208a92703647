"""Product and gift set pages carry schema.org Product/Offer JSON-LD and Open Graph tags that
follow THE sellability rule, the price and the reviews, also when the page comes from cache."""

import html as html_lib
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from oscar.core.loading import get_model
from PIL import Image

from tests.factories import gift_set, sellable_product

StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")
ProductReview = get_model("reviews", "ProductReview")
pytestmark = pytest.mark.django_db

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
META = re.compile(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">')


def fetch(product):
    response = Client().get(product.get_absolute_url())  # a new anonymous visitor
    assert response.status_code == 200
    return response


def json_ld(response) -> dict:
    scripts = LD.findall(response.content.decode())
    assert len(scripts) == 1
    return json.loads(scripts[0])


def meta_tags(response) -> dict:
    return {k: html_lib.unescape(v) for k, v in META.findall(response.content.decode())}


def revoke(product):
    certificate = product.certificates.get()
    certificate.status = "revoked"
    certificate.save()


def test_product_page_describes_the_product_and_its_offer(settings):
    product = sellable_product(title="Mật ong bạc hà Mèo Vạc", price=350000, stock=8)
    product.description = "<p>Mật ong <strong>nguyên chất</strong> từ cao nguyên đá.</p>"
    product.save()
    producer = product.certificates.get().producer
    data = json_ld(fetch(product))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Product"
    assert data["name"] == "Mật ong bạc hà Mèo Vạc"
    assert data["description"] == "Mật ong nguyên chất từ cao nguyên đá."
    assert data["sku"] == f"SKU-{product.pk}"
    assert data["brand"] == {"@type": "Brand", "name": producer.name}
    assert data["manufacturer"]["name"] == producer.name
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + product.get_absolute_url()
    assert data["url"] == url
    offer = data["offers"]
    assert offer["@type"] == "Offer"
    assert offer["price"] == 350000 and isinstance(offer["price"], int)
    assert offer["priceCurrency"] == "VND"
    assert offer["availability"] == "https://schema.org/InStock"
    assert offer["url"] == url
    assert offer["seller"]["name"] == settings.SELLER["name"]
    assert offer["priceValidUntil"] == product.certificates.get().valid_until.isoformat()
    assert "aggregateRating" not in data  # no reviews yet


def test_open_graph_and_twitter_tags_for_zalo_and_facebook(settings):
    product = sellable_product(title="Nước mắm cốt Cát Hải", price=185000)
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (180, 90, 30)).save(buffer, "JPEG")
    ProductImage.objects.create(
        product=product,
        original=SimpleUploadedFile("nuoc-mam.jpg", buffer.getvalue(), "image/jpeg"),
        caption="Chai nước mắm 500 ml",
        display_order=0,
    )
    response = fetch(product)
    tags = meta_tags(response)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert tags["og:type"] == "product"
    assert tags["og:locale"] == "vi_VN"
    assert tags["og:title"] == "Nước mắm cốt Cát Hải"
    assert tags["og:url"] == base + product.get_absolute_url()
    assert tags["og:image"].startswith(base + "/media/")
    assert tags["og:image:alt"] == "Chai nước mắm 500 ml"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("800", "600")
    assert tags["product:price:amount"] == "185000"
    assert tags["product:price:currency"] == "VND"
    assert tags["product:availability"] == "in stock"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:image"] == tags["og:image"]
    assert json_ld(response)["image"] == [tags["og:image"]]
    assert tags["og:description"]  # never empty: the certificate speaks when there is no text
    assert f'<link rel="canonical" href="{tags["og:url"]}">' in response.content.decode()


def test_out_of_stock_product_says_so():
    product = sellable_product(stock=0)
    response = fetch(product)
    assert json_ld(response)["offers"]["availability"] == "https://schema.org/OutOfStock"
    assert meta_tags(response)["product:availability"] == "out of stock"


def test_revoked_product_page_is_discontinued_not_in_stock():
    product = sellable_product(stock=5)
    revoke(product)
    response = fetch(product)
    assert "thu hồi" in response.content.decode()  # the page is still reachable
    offer = json_ld(response)["offers"]
    assert offer["availability"] == "https://schema.org/Discontinued"
    assert "priceValidUntil" not in offer
    assert meta_tags(response)["product:availability"] == "discontinued"


def test_cached_page_carries_the_json_ld_and_follows_price_stock_and_certificate():
    product = sellable_product(price=350000, stock=4)
    assert json_ld(fetch(product))["offers"]["price"] == 350000
    hit = fetch(product)
    assert hit["X-Page-Cache"] == "hit"
    assert json_ld(hit)["offers"]["price"] == 350000

    record = StockRecord.objects.get(product=product)
    record.price = Decimal(390000)
    record.save()
    assert json_ld(fetch(product))["offers"]["price"] == 390000
    assert meta_tags(fetch(product))["product:price:amount"] == "390000"

    record.num_in_stock = 0
    record.save()
    assert json_ld(fetch(product))["offers"]["availability"] == "https://schema.org/OutOfStock"

    record.num_in_stock = 9
    record.save()
    assert json_ld(fetch(product))["offers"]["availability"] == "https://schema.org/InStock"
    assert fetch(product)["X-Page-Cache"] == "hit"  # cached again before the revocation
    revoke(product)
    assert json_ld(fetch(product))["offers"]["availability"] == "https://schema.org/Discontinued"


def test_a_malicious_product_name_cannot_break_out_of_the_script():
    title = 'Mật ong </script><script>alert("x")</script> <!-- & \u2028'
    product = sellable_product(title=title)
    for response in (fetch(product), fetch(product)):  # rendered, then from cache
        page = response.content.decode()
        assert '<script>alert("x")' not in page
        assert json_ld(response)["name"] == title  # exactly one script, whole, and parseable


def test_approved_reviews_give_an_aggregate_rating(django_user_model):
    product = sellable_product()
    assert "aggregateRating" not in json_ld(fetch(product))
    for n, score in enumerate([5, 4, 4]):
        user = django_user_model.objects.create_user(username=f"u{n}", email=f"u{n}@example.vn")
        ProductReview.objects.create(
            product=product,
            user=user,
            score=score,
            title="Ngon",
            body="Rất ngon, đúng vị.",
            status=ProductReview.APPROVED,  # new reviews wait for moderation
        )
    user = django_user_model.objects.create_user(username="pending", email="p@example.vn")
    ProductReview.objects.create(
        product=product,
        user=user,
        score=0,
        title="Chờ duyệt",
        body="Chưa duyệt.",
        status=ProductReview.FOR_MODERATION,
    )
    rating = json_ld(fetch(product))["aggregateRating"]  # the cached page was replaced
    assert rating["@type"] == "AggregateRating"
    assert rating["ratingValue"] == 4.3
    assert rating["reviewCount"] == 3
    assert rating["bestRating"] == 5


@pytest.fixture
def components(db):
    tea = sellable_product(title="Chè búp Tân Cương", price=200000, stock=10)
    sauce = sellable_product(title="Nước mắm Phú Quốc", price=150000, stock=6)
    return tea, sauce


def test_gift_set_page_describes_the_set_and_follows_its_components(components, settings):
    tea, sauce = components
    gift = gift_set([(tea, 2), (sauce, 1)], title="Giỏ quà Tết An Khang", price=900000)
    data = json_ld(fetch(gift))
    assert data["name"] == "Giỏ quà Tết An Khang"
    assert data["brand"]["name"] == settings.OSCAR_SHOP_NAME  # curated by the platform
    assert data["offers"]["price"] == 900000
    assert data["offers"]["priceCurrency"] == "VND"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert fetch(gift)["X-Page-Cache"] == "hit"

    record = StockRecord.objects.get(product=sauce)
    record.num_in_stock = 0
    record.save()  # a component ran out: only for now
    assert json_ld(fetch(gift))["offers"]["availability"] == "https://schema.org/OutOfStock"

    record.num_in_stock = 6
    record.save()
    revoke(tea)  # a component may no longer be sold: the set is off sale
    data = json_ld(fetch(gift))
    assert data["offers"]["availability"] == "https://schema.org/Discontinued"
    assert meta_tags(fetch(gift))["og:type"] == "product"


def test_product_page_query_count_stays_bounded(django_assert_max_num_queries, components):
    """The head's tags cost no query of their own: a gift set's components are loaded once
    for the head and the body (13 and 24 queries, with or without the tags, when written)."""
    tea, sauce = components
    gift = gift_set([(tea, 2), (sauce, 1)])
    for product, ceiling in ((tea, 15), (gift, 26)):
        Client().get(product.get_absolute_url(), {"nocache": 1})  # thumbnails made
        with django_assert_max_num_queries(ceiling):
            response = Client().get(product.get_absolute_url(), {"nocache": 1})
        assert json_ld(response)["offers"]["availability"] == "https://schema.org/InStock"

"""Factories for the OCOP domain, on top of oscar.test.factories."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from oscar.core.loading import get_model

from shop.ocop.models import Certificate, CertificateStatus

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Hợp tác xã Đặc sản số {n}")
    registry_code = factory.Sequence(lambda n: f"TEST-C-{n:04d}")
    legal_form = "cooperative"
    province_name = "Tỉnh Bắc Ninh"
    province_code = "24"


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductClass
        django_get_or_create = ("slug",)

    name = "Sản phẩm OCOP"
    slug = "ocop"
    requires_shipping = True
    track_stock = True


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    title = factory.Sequence(lambda n: f"Chè búp xanh Tân Cương {n}")
    product_class = factory.SubFactory(ProductClassFactory)
    structure = Product.STANDALONE
    is_public = True


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    certificate_no = factory.Sequence(lambda n: f"TEST-2025-{n:05d}")
    product_code = factory.Sequence(lambda n: f"TEST-P-{n:05d}")
    product = factory.SubFactory(ProductFactory)
    producer = factory.SubFactory(ProducerFactory)
    product_name = factory.LazyAttribute(lambda o: o.product.title if o.product else "Sản phẩm")
    product_group = "food"
    product_subgroup = "processed"
    stars = 4
    score = 75
    issued_by = "province"
    decision_no = "1234/QĐ-UBND"
    decision_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))
    valid_from = factory.LazyAttribute(lambda o: o.decision_date)
    valid_until = factory.LazyAttribute(lambda o: o.decision_date + timedelta(days=365 * 3))
    status = CertificateStatus.ACTIVE
    registry_updated_at = factory.LazyFunction(timezone.now)
    last_checked_at = factory.LazyFunction(timezone.now)
    content_hash = "x"


def sellable_product(
    *,
    title: str = "Chè búp xanh Tân Cương",
    price: Decimal | int = 350000,
    stock: int = 10,
    valid_until: date | None = None,
    producer=None,
    subgroup: str = "processed",
    group: str = "food",
):
    """A product that passes the sellability rule today, with its producer's stock record."""
    producer = producer or ProducerFactory()
    product = ProductFactory(title=title)
    extra = {"valid_until": valid_until} if valid_until else {}
    CertificateFactory(
        product=product, producer=producer, product_subgroup=subgroup, product_group=group, **extra
    )
    StockRecord.objects.create(
        product=product,
        partner=producer,
        partner_sku=f"SKU-{product.pk}",
        price=Decimal(price),
        price_currency="VND",
        num_in_stock=stock,
    )
    return product


# ----------------------------------------------------------------------------- gift baskets


def platform_partner():
    """The partner that holds the stock records of platform-curated gifts and boxes."""
    partner, _ = Partner.objects.get_or_create(
        name="Chợ OCOP (giỏ quà)", defaults={"province_code": "01", "province_name": "Hà Nội"}
    )
    return partner


def gift_set(
    components,
    *,
    title: str = "Giỏ quà Tết An Khang",
    price: Decimal | int = 900000,
    curator_partner=None,
    curator_user=None,
    is_public: bool = True,
    partner=None,
):
    """A curated gift set product made of ``components`` ([(product, quantity)]), its stock
    record held by ``partner``, else the curating partner, else the platform."""
    from shop.gifts.models import GIFT_SET_CLASS, GiftComponent, GiftSet

    product = Product.objects.create(
        title=title,
        product_class=ProductClass.objects.get(slug=GIFT_SET_CLASS),
        structure=Product.STANDALONE,
        is_public=is_public,
    )
    StockRecord.objects.create(
        product=product,
        partner=partner or curator_partner or platform_partner(),
        partner_sku=f"GIFT-{product.pk}",
        price=Decimal(price),
        price_currency="VND",
    )
    gift = GiftSet.objects.create(
        product=product, curator_partner=curator_partner, curator_user=curator_user
    )
    for item, quantity in components:
        GiftComponent.objects.create(gift_set=gift, product=item, quantity=quantity)
    return product


def box_type(
    *, size: int = 5, packaging: Decimal | int = 50000, title: str | None = None, partner=None
):
    """A build-your-own box product for ``size`` items; its price is the packaging, its stock
    record held by ``partner``, else the platform."""
    from shop.gifts.models import BOX_CLASS, BoxType

    product = Product.objects.create(
        title=title or f"Hộp quà tự chọn {size} món",
        product_class=ProductClass.objects.get(slug=BOX_CLASS),
        structure=Product.STANDALONE,
        is_public=True,
    )
    StockRecord.objects.create(
        product=product,
        partner=partner or platform_partner(),
        partner_sku=f"BOX-{product.pk}",
        price=Decimal(packaging),
        price_currency="VND",
    )
    return BoxType.objects.create(product=product, size=size)


# ----------------------------------------------------------------------------- origin


def batch(product, *, lot="L01", produced_on=None, best_before=..., quantity=100, **extra):
    """A production batch of ``product`` (made 30 days ago, good for a year by default)."""
    from shop.ocop.rules import today
    from shop.origin.models import Batch

    produced_on = produced_on or today() - timedelta(days=30)
    if best_before is ...:
        best_before = produced_on + timedelta(days=365)
    partner = extra.pop("partner", None) or product.certificates.first().producer
    return Batch.objects.create(
        partner=partner,
        product=product,
        lot_number=lot,
        produced_on=produced_on,
        best_before=best_before,
        quantity=quantity,
        **extra,
    )

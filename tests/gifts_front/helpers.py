"""Gift sets, boxes and occasions for the storefront tests, on top of tests.factories."""

from __future__ import annotations

from oscar.core.loading import get_model

from shop.gifts.models import BoxType, GiftSet, Occasion
from tests import factories
from tests.factories import ProducerFactory, sellable_product


def occasion(slug: str, name: str, *, corporate: bool = False) -> Occasion:
    found, _created = Occasion.objects.get_or_create(
        slug=slug, defaults={"name": name, "is_corporate": corporate}
    )
    return found


def packing_point():
    return ProducerFactory(name="Điểm tập kết quà tặng", registry_code=None, province_code="01")


def gift_set(
    *,
    title: str,
    price: int,
    components: list[tuple[object, int]],
    occasions=(),
    curator=None,
    partner=None,
) -> object:
    """tests.factories.gift_set, its stock held by ``partner``, else ``curator``, else a new
    packing point; on sale for ``occasions``."""
    product = factories.gift_set(
        components,
        title=title,
        price=price,
        curator_partner=curator,
        partner=partner or curator or packing_point(),
    )
    if occasions:
        GiftSet.objects.get(product=product).occasions.set(list(occasions))
    return product


def box_type(*, size: int, price: int = 90000, partner=None) -> BoxType:
    """tests.factories.box_type at ``price``, its stock held by ``partner``, else a new packing
    point."""
    return factories.box_type(size=size, packaging=price, partner=partner or packing_point())


def simple_set(title: str = "Giỏ quà Tết Sum vầy", price: int = 890000, **kwargs):
    """A gift set of two sellable products from two producers."""
    tea = sellable_product(title=f"Chè {title}", price=250000, stock=20)
    honey = sellable_product(title=f"Mật ong {title}", price=200000, stock=20)
    return gift_set(title=title, price=price, components=[(tea, 1), (honey, 2)], **kwargs)


def place_basket(user, *, number: str, adds=()):
    """Place ``user``'s open basket (after adding ``adds``: [(product, quantity)]) as an order
    shipped to Hà Nội, through the project's OrderCreator, as checkout does."""
    from oscar.core.loading import get_class

    from shop.address.forms import vietnam
    from shop.order.utils import OrderCreator
    from shop.shipping.methods import ProducerShipping

    Basket = get_model("basket", "Basket")
    basket, _created = Basket.objects.get_or_create(owner=user, status=Basket.OPEN)
    basket.strategy = get_class("partner.strategy", "Selector")().strategy(user=user)
    for product, quantity in adds:
        basket.add_product(product, quantity)
    method = ProducerShipping(to_province="01")
    charge = method.calculate(basket)
    total = get_class("checkout.calculators", "OrderTotalCalculator")().calculate(basket, charge)
    address = get_model("order", "ShippingAddress").objects.create(
        first_name="Nguyễn Thị Hoa",
        line1="12 Lý Thường Kiệt",
        line4="Hà Nội",
        phone_number="+84912345678",
        country=vietnam(),
    )
    return OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=charge,
        user=user,
        shipping_address=address,
        order_number=number,
    )


def squeeze(html: str) -> str:
    """The page's text with tags stripped and white space collapsed."""
    from django.utils.html import strip_tags

    return " ".join(strip_tags(html).split())

"""Place an order for a basket the way the checkout does, without HTTP: used by the race
test and the benchmark (real transactions, one DB connection per thread)."""

from decimal import Decimal

from oscar.core import prices
from oscar.core.loading import get_class, get_model

Basket = get_model("basket", "Basket")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
Free = get_class("shipping.methods", "Free")


def basket_with(product, quantity: int = 1):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product, quantity)
    return basket


def place_basket(basket_id: int, number: str):
    """Returns the order, or the exception placement raised."""
    from django.db import connection

    try:
        basket = Basket.objects.get(pk=basket_id)
        basket.strategy = Selector().strategy()
        charge = prices.Price(currency="VND", excl_tax=Decimal("0"), incl_tax=Decimal("0"))
        total = OrderTotalCalculator().calculate(basket, charge)
        return OrderCreator().place_order(
            basket=basket,
            total=total,
            shipping_method=Free(),
            shipping_charge=charge,
            order_number=number,
            payment_method="cod",
            payment_state="on_delivery",
        )
    except Exception as error:  # noqa: BLE001 - the caller counts failures
        return error
    finally:
        connection.close()

"""How the shop prices and sells: one stock record per product (its producer's), prices in
VND that already include every tax and fee (Law on Prices 2023), and availability that first
asks THE sellability rule (shop.ocop.rules) and then the stock level."""

from decimal import Decimal

from oscar.apps.partner import strategy as oscar_strategy
from oscar.core.loading import get_class

from shop.ocop.rules import check_product, today

NotSellable = get_class("partner.availability", "NotSellable")
TaxInclusiveFixedPrice = get_class("partner.prices", "TaxInclusiveFixedPrice")
UnavailablePrice = get_class("partner.prices", "Unavailable")


class Selector(oscar_strategy.Selector):
    def strategy(self, request=None, user=None, **kwargs):
        return Strategy(request)


class PricesIncludeTax:
    """The stock record's price is what the shopper pays: VAT is already in it."""

    def pricing_policy(self, product, stockrecord):
        if not stockrecord or stockrecord.price is None:
            return UnavailablePrice()
        return TaxInclusiveFixedPrice(
            currency=stockrecord.price_currency, excl_tax=stockrecord.price, tax=Decimal("0")
        )

    def parent_pricing_policy(self, product, children_stock):
        priced = [sr for _child, sr in children_stock if sr is not None and sr.price is not None]
        if not priced:
            return UnavailablePrice()
        cheapest = min(priced, key=lambda sr: sr.price)
        return self.pricing_policy(product, cheapest)


class CertifiedStockRequired(oscar_strategy.StockRequired):
    """Sellable by the OCOP rule first, then in stock."""

    def availability_policy(self, product, stockrecord):
        sellability = check_product(product=product, on=self.today)
        if not sellability:
            return NotSellable(sellability)
        return super().availability_policy(product, stockrecord)

    def parent_availability_policy(self, product, children_stock):
        sellability = check_product(product=product, on=self.today)
        if not sellability:
            return NotSellable(sellability)
        return super().parent_availability_policy(product, children_stock)


class Strategy(
    oscar_strategy.UseFirstStockRecord,
    CertifiedStockRequired,
    PricesIncludeTax,
    oscar_strategy.Structured,
):
    def __init__(self, request=None):
        super().__init__(request)
        # One day for the whole request, so a page rendered across midnight is consistent.
        self.today = today()

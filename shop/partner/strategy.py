"""How the shop prices and sells: one stock record per product (its producer's), prices in
VND that already include every tax and fee (Law on Prices 2023), and availability that first
asks THE sellability rule (shop.ocop.rules) and then the stock level.

Gift baskets (shop.gifts) hold no stock of their own: a curated gift set can be bought as many
times as its scarcest component allows (``free_units``); a build-your-own box line is priced
as packaging plus its contents, at today's prices, and available while every item in it is."""

from decimal import Decimal

from oscar.apps.partner import strategy as oscar_strategy
from oscar.core.loading import get_class

from shop.ocop.rules import Sellability, check_product, free_stock, gift_kind, today

NotSellable = get_class("partner.availability", "NotSellable")
Available = get_class("partner.availability", "Available")
StockRequiredAvailability = get_class("partner.availability", "StockRequired")
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
        kind = gift_kind(product)
        if kind == "gift_set":
            # The rule counted how many sets the components' free stock allows.
            return StockRequiredAvailability(sellability.units or 0)
        if kind == "box":
            return Available()  # what goes in it is checked per basket line
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

    def fetch_for_line(self, line, stockrecord=None):
        from shop.gifts.services import box_contents, prefetch_basket_lines

        prefetch_basket_lines(line)  # every gift line of the basket in one go
        if line.product_id and gift_kind(line.product) == "box":
            return self.fetch_for_box(line.product, box_contents(line))
        return super().fetch_for_line(line, stockrecord)

    def fetch_for_box(self, product, items):
        """Price and availability of a box holding ``items`` ([(product, quantity)] per box):
        packaging + items at today's prices; available while the box type is on sale, the
        contents fit (shop.gifts.services.validate_box) and as many boxes as the scarcest
        item allows."""
        from shop.gifts.services import box_price, box_type_of, component_record, validate_box

        stockrecord = self.select_stockrecord(product)
        box_type = box_type_of(product)
        sellability = check_product(product=product, on=self.today)
        if not sellability or box_type is None:
            availability = NotSellable(sellability)
        else:
            errors = validate_box(box_type, items)
            if errors:
                availability = NotSellable(
                    Sellability(False, "box_contents", " ".join(errors), None)
                )
            else:
                units = []
                for item, quantity in items:
                    record = component_record(item)
                    units.append(max(0, free_stock(record)) // quantity)
                availability = StockRequiredAvailability(min(units, default=0))
        if stockrecord is None or stockrecord.price is None or box_type is None:
            price = UnavailablePrice()
        else:
            price = TaxInclusiveFixedPrice(
                currency=stockrecord.price_currency,
                excl_tax=box_price(box_type, items),
                tax=Decimal("0"),
            )
        return oscar_strategy.PurchaseInfo(
            price=price, availability=availability, stockrecord=stockrecord
        )

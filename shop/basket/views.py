"""The basket page prices shipping for the province the shopper chose there (or their
default address), the same province as the per-producer estimate above the totals
(``shop.checkout.basket_shipping``), so the two never disagree."""

from oscar.apps.basket import views as oscar_views
from oscar.core.loading import get_model

from shop.basket.middleware import offers_found

ShippingAddress = get_model("order", "ShippingAddress")


class BasketView(oscar_views.BasketView):
    def get_upsell_messages(self, basket):
        """Oscar's messages ("spend 100.000 ₫ more for ..."), from the offers the middleware
        already found for this basket instead of asking the database for them again."""
        applied = list(basket.offer_applications.offers.values())
        return [
            {"message": offer.get_upsell_message(basket), "offer": offer}
            for offer in offers_found(basket, self.request)
            if offer.is_condition_partially_satisfied(basket) and offer not in applied
        ]

    def get_default_shipping_address(self):
        from shop.checkout.basket_shipping import province_for

        code = province_for(self.request)
        if code:
            return ShippingAddress(province_code=code)  # unsaved: only its province is read
        return super().get_default_shipping_address()

"""The basket page prices shipping for the province the shopper chose there (or their
default address), the same province as the per-producer estimate above the totals
(``shop.checkout.basket_shipping``), so the two never disagree."""

from oscar.apps.basket import views as oscar_views
from oscar.core.loading import get_model

ShippingAddress = get_model("order", "ShippingAddress")


class BasketView(oscar_views.BasketView):
    def get_default_shipping_address(self):
        from shop.checkout.basket_shipping import province_for

        code = province_for(self.request)
        if code:
            return ShippingAddress(province_code=code)  # unsaved: only its province is read
        return super().get_default_shipping_address()

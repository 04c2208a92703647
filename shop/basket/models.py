from django.utils.translation import gettext as _
from oscar.apps.basket.abstract_models import AbstractBasket, AbstractLine

from shop.gifts.models import BOX_CONTENTS_OPTION
from shop.ocop.rules import gift_kind


class Basket(AbstractBasket):
    def all_lines(self):
        """Oscar's cached lines, loaded with what the strategy, the rule and shipping read of
        each line's product (shop.gifts.services.LINE_PRODUCT_LOOKUPS), so the basket page,
        the checkout's basket check and the preview cost the same queries for 1 or 10 lines.
        What gift lines hold is loaded when they are first priced (prefetch_basket_lines).
        Placement reads them again once it has locked the stock (shop.order.utils)."""
        if self.id is not None and self._lines is None:
            from shop.gifts.services import LINE_PRODUCT_LOOKUPS

            self._lines = (
                super()
                .all_lines()
                .select_related("product__product_class")
                .prefetch_related(
                    *(f"product__{lookup}" for lookup in LINE_PRODUCT_LOOKUPS),
                    "product__parent__images",  # a variant without pictures shows its parent's
                )
            )
        return super().all_lines()

    def get_stock_info(self, product, options):
        """A box is priced with what goes in it (the line option ``BOX_CONTENTS_OPTION``),
        so the price stored on the line is the box's, not the packaging's."""
        if gift_kind(product) == "box":
            from shop.gifts.services import BoxContentsError, box_items, parse_box_contents

            for option in options or []:
                if option["option"].code == BOX_CONTENTS_OPTION:
                    try:
                        pairs = parse_box_contents(option["value"])
                    except BoxContentsError:
                        pairs = []  # an empty box: the line says why it cannot be bought
                    return self.strategy.fetch_for_box(product, box_items(pairs))
        return super().get_stock_info(product, options)


class Line(AbstractLine):
    def get_warning(self):
        """Say in plain words why a line can no longer be bought (the sellability rule; for
        a gift, which component lapsed or ran out)."""
        sellability = getattr(self.purchase_info.availability, "sellability", None)
        if sellability is not None and not sellability.sellable:
            if sellability.code == "box_contents":
                return _("Hộp quà “%(product)s” chưa thể mua: %(reason)s") % {
                    "product": self.product.get_title(),
                    "reason": sellability.reason,
                }
            return _("“%(product)s” không còn bán được: %(reason)s") % {
                "product": self.product.get_title(),
                "reason": sellability.reason,
            }
        if gift_kind(self.product):
            availability = self.purchase_info.availability
            permitted, reason = availability.is_purchase_permitted(self.quantity)
            if not permitted:
                available = getattr(availability, "num_available", 0)
                if available <= 0:
                    return _("“%(product)s” đã hết hàng: một món bên trong vừa hết.") % {
                        "product": self.product.get_title()
                    }
                return _("“%(product)s” chỉ còn đủ hàng cho %(n)s phần; hãy giảm số lượng.") % {
                    "product": self.product.get_title(),
                    "n": available,
                }
        return super().get_warning()


from oscar.apps.basket.models import *  # noqa: E402, F403

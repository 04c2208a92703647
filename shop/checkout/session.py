"""Every checkout step checks the basket first: a line whose product left sale (THE
sellability rule) is taken out of the basket with the reason; a line with too few units
left sends the shopper back to the basket with the number still available."""

from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.apps.checkout import exceptions
from oscar.apps.checkout import session as oscar_session

from shop.ocop.rules import check_product


class CheckoutSessionMixin(oscar_session.CheckoutSessionMixin):
    def check_basket_is_valid(self, request):
        removed = []
        for line in list(request.basket.all_lines()):
            sellability = check_product(product=line.product)
            if not sellability:
                title = line.product.get_title()
                removed.append(
                    _("“%(product)s” đã được bỏ khỏi giỏ hàng: %(reason)s")
                    % {"product": title, "reason": sellability.reason}
                )
                line.delete()
        if removed:
            request.basket.reset_offer_applications()
            request.basket._lines = None
            raise exceptions.FailedPreCondition(url=reverse("basket:summary"), messages=removed)
        problems = []
        for line in request.basket.all_lines():
            record = line.stockrecord
            free = record.net_stock_level if record is not None else 0
            if line.product.get_product_class().track_stock and free < line.quantity:
                title = line.product.get_title()
                problems.append(
                    _("“%(product)s” vừa hết hàng.") % {"product": title}
                    if free <= 0
                    else _("“%(product)s” chỉ còn %(n)s sản phẩm: vui lòng giảm số lượng.")
                    % {"product": title, "n": free}
                )
        if problems:
            raise exceptions.FailedPreCondition(url=reverse("basket:summary"), messages=problems)
        super().check_basket_is_valid(request)

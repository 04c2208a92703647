from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping import methods as oscar_methods
from oscar.apps.shipping.methods import *  # noqa: E402, F403, I001
from oscar.core import prices

from .charges import shipments


class ProducerShipping(oscar_methods.Base):
    """Each producer ships its own lines; the charge is the sum of their charges."""

    code = "producer-shipping"
    name = _("Giao hàng từ từng nhà sản xuất")
    description = _("Mỗi nhà sản xuất gửi hàng của mình; phí tính theo khối lượng và khoảng cách.")

    def __init__(self, *, to_province: str = ""):
        self.to_province = to_province

    def shipments(self, basket):
        return shipments(basket=basket, to_province=self.to_province)

    def calculate(self, basket):
        total = sum((s.charge for s in self.shipments(basket)), Decimal("0"))
        return prices.Price(currency=basket.currency, excl_tax=total, incl_tax=total)

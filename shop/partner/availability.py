from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.availability import *  # noqa: F403
from oscar.apps.partner.availability import Unavailable


class NotSellable(Unavailable):
    """The product fails the sellability rule (shop.ocop.rules); ``message`` says why."""

    code = "notsellable"

    def __init__(self, sellability):
        self.sellability = sellability
        self.message = sellability.reason

    @property
    def short_message(self):
        return _("Tạm ngừng bán")

    def is_purchase_permitted(self, quantity):
        return False, self.sellability.reason

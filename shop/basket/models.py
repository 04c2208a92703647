from django.utils.translation import gettext as _
from oscar.apps.basket.abstract_models import AbstractLine


class Line(AbstractLine):
    def get_warning(self):
        """Say in plain words why a line can no longer be bought (the sellability rule)."""
        sellability = getattr(self.purchase_info.availability, "sellability", None)
        if sellability is not None and not sellability.sellable:
            return _("“%(product)s” không còn bán được: %(reason)s") % {
                "product": self.product.get_title(),
                "reason": sellability.reason,
            }
        return super().get_warning()


from oscar.apps.basket.models import *  # noqa: E402, F403

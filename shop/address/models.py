from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractUserAddress


class UserAddress(AbstractUserAddress):
    """An address-book entry in today's units: province code and ward code from
    ``shop.addresses`` (the names go to line4 and line3 for Oscar's summaries)."""

    province_code = models.CharField(_("Mã tỉnh/thành"), max_length=8, blank=True)
    ward_code = models.CharField(_("Mã xã/phường"), max_length=8, blank=True)


from oscar.apps.address.models import *  # noqa: E402, F403

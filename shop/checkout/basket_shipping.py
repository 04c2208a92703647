"""The shipping estimate on the basket page: one charge per producer, for the province the
shopper will most likely ship to (chosen on the basket page and kept in the session, or a
signed-in shopper's default address); without one, the charge is worked out at checkout."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django import http
from django.shortcuts import redirect
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from shop.addresses import province, provinces
from shop.shipping.charges import shipments

UserAddress = get_model("address", "UserAddress")

SESSION_KEY = "basket_province"


@dataclass
class Estimate:
    province_code: str = ""
    province_name: str = ""
    shipments: list = field(default_factory=list)
    provinces: list = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((s.charge for s in self.shipments), Decimal(0))


def province_for(request) -> str:
    """The province of the basket page's estimate; worked out once per request (the basket
    view's shipping address and the estimate tag both ask)."""
    if not hasattr(request, "_basket_province"):
        request._basket_province = _province_for(request)
    return request._basket_province


def _province_for(request) -> str:
    chosen = request.session.get(SESSION_KEY, "")
    if chosen and province(chosen):
        return chosen
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        address = (
            UserAddress.objects.filter(user=user)
            .exclude(province_code="")
            .order_by("-is_default_for_shipping", "-num_orders_as_shipping_address", "pk")
            .only("province_code")
            .first()
        )
        if address is not None and province(address.province_code):
            return address.province_code
    return ""


def estimate(request, basket) -> Estimate:
    code = province_for(request)
    result = Estimate(province_code=code, provinces=provinces())
    if code and not basket.is_empty:
        result.province_name = province(code).name
        result.shipments = shipments(basket=basket, to_province=code)
    return result


@require_POST
def choose_province(request):
    """The province select on the basket page (works without JavaScript)."""
    code = request.POST.get("province", "")
    if code and province(code) is None:
        return http.HttpResponseBadRequest("unknown province")
    if code:
        request.session[SESSION_KEY] = province(code).code
    else:
        request.session.pop(SESSION_KEY, None)
    return redirect("basket:summary")

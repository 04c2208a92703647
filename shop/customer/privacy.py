"""The shopper's personal data (Decree 13/2023): see and withdraw consents, download
everything we hold as JSON, delete the account (orders are kept, as accounting law
requires, but no longer point to the person)."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from .models import Consent

Order = get_model("order", "Order")

ERASED = "(đã xóa)"


class MarketingForm(forms.Form):
    marketing = forms.BooleanField(
        label=gettext_lazy("Nhận tin về sản phẩm mới và khuyến mại"), required=False
    )


def consent_for(user) -> Consent:
    consent, _created = Consent.objects.get_or_create(user=user)
    return consent


def record_checkout_consent(*, user, order) -> Consent:
    """The consents a signed-in shopper gave on an order's checkout page, on their account.
    A ticked marketing box turns marketing on (withdrawable on the privacy page); an unticked
    one is no withdrawal and leaves the account as it was."""
    consent = consent_for(user)
    fields = []
    if order.data_consent_at and not consent.data_processing_at:
        consent.data_processing_at = order.data_consent_at
        fields.append("data_processing_at")
    if order.marketing_consent and not consent.marketing:
        consent.marketing = True
        consent.marketing_changed_at = order.data_consent_at or timezone.now()
        fields += ["marketing", "marketing_changed_at"]
    if fields:
        consent.save(update_fields=fields)
    return consent


class PrivacyView(generic.View):
    template_name = "oscar/customer/privacy.html"

    def get(self, request):
        consent = consent_for(request.user)
        form = MarketingForm(initial={"marketing": consent.marketing})
        return render(request, self.template_name, {"consent": consent, "form": form})

    def post(self, request):
        consent = consent_for(request.user)
        form = MarketingForm(request.POST)
        if form.is_valid():
            consent.marketing = form.cleaned_data["marketing"]
            consent.marketing_changed_at = timezone.now()
            consent.save()
            messages.success(
                request,
                _("Đã bật nhận tin khuyến mại.")
                if consent.marketing
                else _("Đã rút lại sự đồng ý nhận tin khuyến mại."),
            )
        return redirect("customer:privacy")


def _address(a) -> dict | None:
    if a is None:
        return None
    return {
        "recipient": a.first_name,
        "phone": str(a.phone_number or ""),
        "street": a.line1,
        "ward": a.line3,
        "province": a.line4,
    }


def export_data(user) -> dict:
    consent = consent_for(user)
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
        },
        "consents": {
            "data_processing_at": consent.data_processing_at.isoformat()
            if consent.data_processing_at
            else None,
            "marketing": consent.marketing,
        },
        "addresses": [_address(a) for a in user.addresses.all()],
        "orders": [
            {
                "number": o.number,
                "placed": o.date_placed.isoformat(),
                "total": str(o.total_incl_tax),
                "payment_method": o.payment_method,
                "shipping_address": _address(o.shipping_address),
                "gift_message": o.gift_message,
                "date_of_birth": o.buyer_date_of_birth.isoformat()
                if o.buyer_date_of_birth
                else None,
                "lines": [{"title": ln.title, "quantity": ln.quantity} for ln in o.lines.all()],
            }
            for o in Order.objects.filter(user=user).prefetch_related("lines")
        ],
    }


def export(request):
    body = json.dumps(export_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="du-lieu-cua-toi.json"'
    return response


def anonymise_and_delete(user) -> int:
    """Keep the orders (accounting), cut every link to the person, delete the account."""
    with transaction.atomic():
        orders = list(Order.objects.filter(user=user).select_related("shipping_address"))
        for order in orders:
            address = order.shipping_address
            if address is not None:
                address.first_name = ERASED
                address.last_name = ""
                address.line1 = ERASED
                address.phone_number = ""
                address.notes = ""
                address.save()
            order.user = None
            order.guest_email = ""
            order.gift_message = ""
            order.buyer_date_of_birth = None
            order.save()
        user.addresses.all().delete()
        user.delete()
    return len(orders)


@require_POST
def delete_account(request):
    if request.POST.get("confirm") != "XOA":
        messages.error(request, _("Gõ XOA để xác nhận xóa tài khoản."))
        return redirect("customer:privacy")
    user = request.user
    logout(request)
    anonymise_and_delete(user)
    messages.success(request, _("Tài khoản của bạn đã được xóa."))
    return redirect("/")

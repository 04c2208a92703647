"""Oscar's checkout, for Vietnam: a Vietnamese shipping address, one page of order options
(payment method, gift, age confirmation, consents), per-producer shipping, and placement that
re-checks every line under row locks and tells the shopper plainly what changed."""

from __future__ import annotations

import logging
from datetime import date

import stripe
from django import http
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.apps.checkout.views import *  # noqa: E402, F403, I001
from oscar.apps.payment.exceptions import UnableToTakePayment
from oscar.core.loading import get_class, get_model

from shop.addresses import wards
from shop.gifts.services import component_record, line_components
from shop.ocop.rules import check_product
from shop.order.models import PaymentMethod, StripeAttempt, StripeAttemptStatus
from shop.order.utils import BasketAlreadySubmitted, LinesCannotBeSold
from shop.payments import services as payments
from shop.payments import stripe_gateway

from . import notifications
from .forms import CheckoutOptionsForm, ShippingAddressForm, earliest_delivery_for

logger = logging.getLogger("shop.checkout")

Order = get_model("order", "Order")
Line = get_model("basket", "Line")
Repository = get_class("shipping.repository", "Repository")
CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")

OPTIONS_NS = "ocop"


def basket_has_alcohol(basket) -> bool:
    """Any line, or any product inside a gift basket line (shop.gifts), is alcoholic."""
    for line in basket.all_lines():
        products = [item for item, _qty in line_components(line)] or [line.product]
        for product in products:
            certificate = check_product(product=product).certificate
            if certificate is not None and certificate.product_subgroup == "alcoholic":
                return True
    return False


def basket_lead_days(basket) -> list[int]:
    """Each line's producer's lead time; a gift line waits for its slowest component's."""
    days = []
    for line in basket.all_lines():
        items = line_components(line)
        if items:
            records = [component_record(item) for item, _qty in items]
            days += [record.partner.lead_time_days for record in records if record is not None]
        elif line.stockrecord:
            days.append(line.stockrecord.partner.lead_time_days)
    return days


class ShippingAddressView(oscar_views.ShippingAddressView):
    form_class = ShippingAddressForm

    def post(self, request, *args, **kwargs):
        if "choose_province" in request.POST:
            # Without JavaScript: the province was chosen, show its wards.
            form = self.form_class(initial=dict(request.POST.items()))
            return self.render_to_response(self.get_context_data(form=form))
        return super().post(request, *args, **kwargs)


class CheckoutOptionsMixin:
    """Shared by the options page and the preview: shipments, payment options, form."""

    def shipments(self):
        method = self.get_shipping_method(
            self.request.basket, self.get_shipping_address(self.request.basket)
        )
        return method.shipments(self.request.basket) if hasattr(method, "shipments") else []

    def options_form(self, data=None):
        basket = self.request.basket
        shipping_address = self.get_shipping_address(basket)
        method = self.get_shipping_method(basket, shipping_address)
        charge = method.calculate(basket) if method else None
        total = self.get_order_totals(basket, shipping_charge=charge) if charge else None
        has_alcohol = basket_has_alcohol(basket)
        self.payment_options = payments.method_options(
            order_total=total.incl_tax if total else basket.total_incl_tax, has_alcohol=has_alcohol
        )
        return CheckoutOptionsForm(
            data,
            initial=self.checkout_session._get(OPTIONS_NS, "options") or None,
            options=self.payment_options,
            earliest_delivery=earliest_delivery_for(basket_lead_days(basket)),
            needs_adult=has_alcohol,
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["shipments"] = self.shipments()
        ctx.setdefault("options_form", self.options_form())
        ctx["payment_options"] = self.payment_options
        ctx["options"] = self.checkout_session._get(OPTIONS_NS, "options") or {}
        ctx["stripe_publishable_key"] = settings.STRIPE_PUBLISHABLE_KEY
        return ctx


class PaymentMethodView(oscar_views.PaymentMethodView):
    pass


class PaymentDetailsView(CheckoutOptionsMixin, oscar_views.PaymentDetailsView):
    def dispatch(self, request, *args, **kwargs):
        # "Place order" again while a card payment is under way (a double submit, a reload):
        # the basket is frozen, so show that payment's page again instead of an empty basket.
        if request.method == "POST" and request.POST.get("action") == "place_order":
            number = CheckoutSessionData(request).get_order_number()
            attempt = (
                StripeAttempt.objects.filter(
                    order_number=str(number), status=StripeAttemptStatus.STARTED
                )
                .exclude(intent_id=None)
                .first()
                if number
                else None
            )
            if attempt is not None:
                intent = stripe_gateway.client().payment_intents.retrieve(attempt.intent_id)
                return stripe_outcome(request, attempt, intent)
        return super().dispatch(request, *args, **kwargs)

    def get_pre_conditions(self, request):
        conditions = super().get_pre_conditions(request)
        if self.preview:
            conditions = [*conditions, "check_options_captured"]
        return conditions

    def check_options_captured(self, request):
        if request.method == "POST" and request.POST.get("action") != "place_order":
            return  # this is the options form being submitted
        if not self.checkout_session._get(OPTIONS_NS, "options"):
            raise FailedPreCondition(
                url=reverse("checkout:payment-details"),
                message=_("Vui lòng chọn phương thức thanh toán."),
            )

    def get_skip_conditions(self, request):
        return []  # the options page is always shown: consent is asked on it

    def handle_payment_details_submission(self, request):
        form = self.options_form(request.POST)
        if not form.is_valid():
            return self.render_payment_details(request, options_form=form)
        self.checkout_session._set(OPTIONS_NS, "options", form.session_data())
        return redirect("checkout:preview")

    def handle_place_order_submission(self, request):
        # Everything is checked again: the basket or the date may have changed since.
        stored = self.checkout_session._get(OPTIONS_NS, "options") or {}
        form = self.options_form({k: v for k, v in stored.items() if v not in (None, False)})
        if not form.is_valid():
            messages.error(request, _("Vui lòng kiểm tra lại các lựa chọn của đơn hàng."))
            return self.render_payment_details(request, options_form=form)
        self.options = form.cleaned_data
        submission = self.build_submission()
        submission.setdefault("order_kwargs", {}).update(
            self.order_fields(form.cleaned_data, submission)
        )
        submission.setdefault("payment_kwargs", {})["method"] = form.cleaned_data["payment_method"]
        if form.cleaned_data["payment_method"] == PaymentMethod.STRIPE:
            return self.submit_stripe(submission)
        return self.submit(**submission)

    # ------------------------------------------------------------------ card payments

    def stripe_submission(self, submission: dict) -> dict:
        """What placing the order needs later, without this request (JSON)."""
        address = submission["shipping_address"]
        fields = [
            "first_name",
            "line1",
            "line3",
            "line4",
            "province_code",
            "ward_code",
            "notes",
            "country_id",
        ]
        stored = {name: getattr(address, name) for name in fields}
        stored["phone_number"] = str(address.phone_number) if address.phone_number else ""
        order_kwargs = {}
        for key, value in submission["order_kwargs"].items():
            order_kwargs[key] = value.isoformat() if hasattr(value, "isoformat") else value
        for key in ("payment_method", "payment_state"):
            order_kwargs.pop(key, None)
        user = submission["user"]
        return {
            "shipping_address": stored,
            "order_kwargs": order_kwargs,
            "user_id": user.pk if user.is_authenticated else None,
        }

    def submit_stripe(self, submission: dict):
        basket = submission["basket"]
        order_number = self.generate_order_number(basket)
        self.checkout_session.set_order_number(order_number)
        self.freeze_basket(basket)
        self.checkout_session.set_submitted_basket(basket)
        try:
            attempt, intent = stripe_gateway.start(
                basket=basket,
                order_number=order_number,
                amount=stripe_gateway.vnd_amount(submission["order_total"].incl_tax),
                payment_method=self.request.POST.get("payment_method_id") or "",
                submission=self.stripe_submission(submission),
                return_url=self.request.build_absolute_uri(reverse("checkout:stripe-return")),
            )
        except LinesCannotBeSold as problem:
            self.restore_frozen_basket()
            for item in problem.problems:
                if item.remove:
                    Line.objects.filter(pk=item.line_id).delete()
                messages.error(self.request, item.message)
            return redirect("basket:summary")
        except stripe_gateway.CardDeclined as declined:
            self.restore_frozen_basket()
            return self.render_payment_details(
                self.request, error=str(declined), options_form=self.options_form()
            )
        return stripe_outcome(self.request, attempt, intent)

    def order_fields(self, options: dict, submission: dict) -> dict:
        method = submission["shipping_method"]
        breakdown = (
            [s.as_dict() for s in method.shipments(submission["basket"])]
            if hasattr(method, "shipments")
            else []
        )
        born: date | None = options.get("date_of_birth")
        now = timezone.now()
        return {
            "payment_method": options["payment_method"],
            "payment_state": payments.initial_state(options["payment_method"]),
            "is_gift": bool(options.get("is_gift")),
            "gift_message": options.get("gift_message") or "",
            "hide_prices": bool(options.get("hide_prices")),
            "preferred_delivery_date": options.get("preferred_delivery_date"),
            "buyer_date_of_birth": born,
            "adult_confirmed_at": now if born else None,
            "data_consent_at": now,
            "marketing_consent": bool(options.get("marketing_consent")),
            "shipping_breakdown": breakdown,
        }

    def handle_payment(self, order_number, total, method=None, **kwargs):
        if method in (PaymentMethod.COD, PaymentMethod.VIETQR):
            self.add_payment_source(payments.source_for(method=method, amount=total.incl_tax))
            return
        raise UnableToTakePayment(_("Phương thức thanh toán này chưa được hỗ trợ."))

    def handle_order_placement(self, order_number, user, basket, *args, **kwargs):
        try:
            return super().handle_order_placement(order_number, user, basket, *args, **kwargs)
        except LinesCannotBeSold as problem:
            self.restore_frozen_basket()
            for item in problem.problems:
                if item.remove:
                    Line.objects.filter(pk=item.line_id).delete()
                messages.error(self.request, item.message)
            logger.info("Order #%s: lines could not be sold: %s", order_number, problem)
            return redirect("basket:summary")
        except BasketAlreadySubmitted:
            existing = Order.objects.filter(basket_id=basket.pk).first()
            if existing is not None:
                self.request.session["checkout_order_id"] = existing.pk
                return redirect("checkout:thank-you")
            raise

    def send_order_placed_email(self, order):
        notifications.send_order_emails(order=order, request=self.request)


class ThankYouView(oscar_views.ThankYouView):
    def get_context_data(self, *args, **kwargs):
        ctx = super().get_context_data(*args, **kwargs)
        order = ctx["order"]
        if order.payment_method == PaymentMethod.VIETQR:
            ctx["vietqr_image"] = payments.vietqr_image_data_uri(order=order)
            ctx["transfer_note"] = payments.transfer_note(order)
            ctx["bank"] = payments.bank_account()
        return ctx


def ward_options(request):
    """GET ?province=01 → {"wards": [{"code", "name"}, ...]} for the address forms' script."""
    code = request.GET.get("province", "")
    data = [{"code": w.code, "name": w.name} for w in wards(code)] if code else []
    response = http.JsonResponse({"wards": data})
    response["Cache-Control"] = "public, max-age=86400"
    return response


@method_decorator(staff_member_required, name="dispatch")
class PackingSlipView(generic.View):
    """A packing slip (whole order or one producer): gift message; prices hidden on request."""

    def get(self, request, number, partner_id=None):
        order = get_object_or_404(Order, number=number)
        lines = order.lines.all()
        if partner_id is not None:
            lines = lines.filter(partner_id=partner_id)
        return render(
            request,
            "oscar/checkout/packing_slip.html",
            {"order": order, "lines": lines, "show_prices": not order.hide_prices},
        )


def _plain(value) -> dict:
    """A stripe-python object (or None) as a plain dict."""
    if value is None:
        return {}
    return value.to_dict() if hasattr(value, "to_dict") else dict(value)


def stripe_pay_page(request, attempt, intent, *, next_action: bool = False):
    """The card page: Stripe.js's Payment Element mounted with the intent's client secret,
    ``stripe.confirmPayment`` returning to ``checkout:stripe-return``; or, for an intent
    confirmed on the server that needs 3-D Secure, ``stripe.handleNextAction``."""
    if not settings.STRIPE_PUBLISHABLE_KEY:
        stripe_gateway.abandon(attempt=attempt, intent=intent)
        messages.error(request, _("Thanh toán thẻ chưa sẵn sàng. Vui lòng chọn phương thức khác."))
        return redirect("checkout:payment-details")
    return_url = request.build_absolute_uri(reverse("checkout:stripe-return"))
    return render(
        request,
        "checkout/stripe_pay.html",
        {
            "attempt": attempt,
            "intent_id": intent.id,
            "client_secret": intent.client_secret,
            "amount": attempt.amount,
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "return_url": return_url,
            "cancel_url": f"{reverse('checkout:stripe-return')}?payment_intent={intent.id}",
            "next_action": next_action,
        },
    )


def stripe_outcome(request, attempt, intent, *, returning: bool = False):
    """Where the shopper goes once Stripe has answered about ``intent``. ``returning``: the
    shopper is back from Stripe (or gave up), so an unfinished intent is abandoned."""
    if intent.status == "succeeded":
        try:
            order, _created = stripe_gateway.fulfil(attempt=attempt, intent=intent)
        except stripe_gateway.SoldOutAfterPayment as refunded:
            messages.error(request, str(refunded))
            return redirect("basket:summary")
        request.session["checkout_order_id"] = order.pk
        CheckoutSessionData(request).flush()
        return redirect("checkout:thank-you")
    if intent.status == "processing":
        messages.info(
            request, _("Ngân hàng đang xác nhận thanh toán; đơn hàng sẽ được tạo ngay sau đó.")
        )
        return redirect("basket:summary")
    if not returning and intent.status in ("requires_payment_method", "requires_confirmation"):
        return stripe_pay_page(request, attempt, intent)  # the Payment Element takes the card
    if not returning and intent.status == "requires_action":
        next_action = _plain(getattr(intent, "next_action", None))
        if next_action.get("redirect_to_url"):
            return redirect(next_action["redirect_to_url"]["url"])
        return stripe_pay_page(request, attempt, intent, next_action=True)  # 3-D Secure
    # Failed, cancelled, or back from 3-D Secure without success: no order, basket kept.
    stripe_gateway.abandon(attempt=attempt, intent=intent)
    error = _plain(getattr(intent, "last_payment_error", None))
    if error.get("code") == "payment_intent_authentication_failure" or intent.status in (
        "requires_action",
    ):
        text = _(
            "Xác thực thẻ (3-D Secure) chưa thành công nên chưa trừ tiền và chưa tạo đơn. "
            "Giỏ hàng của bạn vẫn còn nguyên; bạn có thể thử lại."
        )
    else:
        text = _("Thanh toán không thành công. Giỏ hàng của bạn vẫn còn nguyên.")
    messages.error(request, text)
    return redirect("basket:summary")


def stripe_return(request):
    """The shopper comes back from Stripe (3-D Secure, or the Payment Element's
    ``return_url``), or leaves the card page: ask Stripe, never trust the URL."""
    intent_id = request.GET.get("payment_intent", "")
    attempt = StripeAttempt.objects.filter(intent_id=intent_id).first() if intent_id else None
    if attempt is None:
        return redirect("basket:summary")
    intent = stripe_gateway.client().payment_intents.retrieve(intent_id)
    if intent.status != "succeeded" and (
        str(CheckoutSessionData(request).get_order_number()) != attempt.order_number
    ):
        # Only the shopper who started this payment may abandon it.
        return redirect("basket:summary")
    return stripe_outcome(request, attempt, intent, returning=True)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        result = stripe_gateway.handle_webhook(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except (stripe.SignatureVerificationError, ValueError, KeyError):
        return http.HttpResponseBadRequest("invalid")
    return http.HttpResponse(result)

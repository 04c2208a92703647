"""Oscar's staff order page, with the money actions of this shop: refunds (whole order or
chosen lines and quantities; Stripe refunds for card orders, a recorded bank transfer back
for the others) and marking a VietQR transfer as received."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.utils.translation import gettext as _
from oscar.apps.dashboard.orders import views as oscar_views

from shop.order.models import PaymentMethod, PaymentState
from shop.payments import refunds
from shop.payments import services as payments


class OrderDetailView(oscar_views.OrderDetailView):
    order_actions = (*oscar_views.OrderDetailView.order_actions, "refund_all", "mark_paid")
    line_actions = (*oscar_views.OrderDetailView.line_actions, "refund_lines")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = self.object
        already = refunds.refunded_quantities(order)
        ctx["refundable"] = refunds.refundable(order)
        ctx["refunded_total"] = refunds.refunded_total(order)
        ctx["refund_lines"] = [
            {
                "line": line,
                "refunded": already.get(line.pk, 0),
                "left": line.quantity - already.get(line.pk, 0),
            }
            for line in ctx["lines"]
        ]
        ctx["can_mark_paid"] = (
            order.payment_method == PaymentMethod.VIETQR
            and order.payment_state == PaymentState.PENDING
        )
        ctx["refund_by_transfer"] = order.payment_method != PaymentMethod.STRIPE
        return ctx

    def _expected(self, request):
        try:
            return Decimal(request.POST.get("refunded_before", ""))
        except InvalidOperation:
            return None

    def _refund(self, request, order, **kwargs):
        expected = self._expected(request)
        if expected is None:
            return self.reload_page(error=_("Biểu mẫu hoàn tiền đã cũ; hãy tải lại trang."))
        try:
            result = refunds.refund(order=order, expected_refunded=expected, **kwargs)
        except refunds.RefundError as error:
            return self.reload_page(error=str(error))
        if result.by_bank_transfer:
            messages.success(
                request,
                _(
                    "Đã ghi nhận hoàn %(amount)s. Đơn không trả bằng thẻ: hãy chuyển khoản "
                    "số tiền này lại cho khách."
                )
                % {"amount": payments.vnd(result.amount)},
            )
        else:
            messages.success(
                request,
                _("Đã hoàn %(amount)s qua Stripe (mã %(ref)s).")
                % {"amount": payments.vnd(result.amount), "ref": result.reference},
            )
        return self.reload_page(fragment="payment")

    def refund_all(self, request, order):
        return self._refund(request, order)

    def refund_lines(self, request, order, lines, quantities):
        return self._refund(
            request,
            order,
            lines={line.pk: qty for line, qty in zip(lines, quantities, strict=True)},
        )

    def mark_paid(self, request, order):
        try:
            changed = payments.mark_transfer_received(
                order=order, reference=request.POST.get("reference", "").strip()
            )
        except ValueError as error:
            return self.reload_page(error=str(error))
        if changed:
            messages.success(request, _("Đã ghi nhận tiền chuyển khoản; đã báo cho khách."))
        else:
            messages.info(request, _("Đơn này đã được đánh dấu đã thanh toán từ trước."))
        return self.reload_page(fragment="payment")

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.admin import *  # noqa: F403
from oscar.apps.order.admin import OrderAdmin as OscarOrderAdmin
from oscar.core.loading import get_model

Order = get_model("order", "Order")


@admin.action(description=_("Đánh dấu đã nhận chuyển khoản (VietQR)"))
def mark_transfer_received(modeladmin, request, queryset):
    from shop.payments.services import mark_transfer_received as mark

    done = 0
    for order in queryset:
        try:
            done += bool(mark(order=order, reference=f"admin:{request.user.pk}"))
        except ValueError as error:
            modeladmin.message_user(request, str(error), messages.WARNING)
    modeladmin.message_user(request, _("%(n)s đơn đã chuyển sang đã thanh toán.") % {"n": done})


class OrderAdmin(OscarOrderAdmin):
    list_display = (*OscarOrderAdmin.list_display, "payment_method", "payment_state")
    list_filter = ("payment_method", "payment_state")
    actions = [mark_transfer_received]


admin.site.unregister(Order)
admin.site.register(Order, OrderAdmin)


@admin.action(description=_("Ghi nhận các lần hoàn tiền thẻ còn dở (Stripe đã hoàn)"))
def complete_pending(modeladmin, request, queryset):
    from shop.payments.refunds import complete_pending_refunds

    done = complete_pending_refunds()
    modeladmin.message_user(request, _("Đã ghi nhận %(n)s lần hoàn tiền.") % {"n": done})


@admin.register(get_model("order", "RefundAttempt"))
class RefundAttemptAdmin(admin.ModelAdmin):
    """Card refunds as written down before Stripe was asked: a pending one is a refund Stripe
    may have made that the shop has not recorded yet (see shop.payments.refunds)."""

    list_display = ("key", "order", "amount", "status", "stripe_refund_id", "updated_at")
    list_filter = ("status",)
    search_fields = ("key", "order__number", "stripe_refund_id")
    readonly_fields = [f.name for f in get_model("order", "RefundAttempt")._meta.fields]
    actions = [complete_pending]

    def has_add_permission(self, request):
        return False

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

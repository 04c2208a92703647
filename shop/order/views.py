"""The guest order tracking page (shop.order.tracking holds the rules)."""

from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from shop.producers.ratelimit import client_ip

from . import tracking
from .forms import OrderTrackingForm

TEMPLATE = "order/tracking.html"


@method_decorator(never_cache, name="dispatch")
class OrderTrackingView(View):
    """GET: the form (``?don=<number>`` fills the number in, as the e-mails link it).
    POST: the order, or one message for every miss, or 429 past the rate limit."""

    def get(self, request):
        form = OrderTrackingForm(initial={"number": request.GET.get("don", "")[:128]})
        return self.render(form)

    def post(self, request):
        form = OrderTrackingForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        ip = client_ip(request)
        number = form.cleaned_data["number"]
        if tracking.is_blocked(ip=ip, number=number):
            minutes = max(1, tracking.limits()[2] // 60)
            response = self.render(
                OrderTrackingForm(),
                blocked=_(
                    "Bạn đã tra cứu không thành công quá nhiều lần. "
                    "Vui lòng thử lại sau %(minutes)s phút, hoặc gọi tổng đài để được hỗ trợ."
                )
                % {"minutes": minutes},
                status=429,
            )
            response["Retry-After"] = str(tracking.limits()[2])
            return response
        order = tracking.find_order(number=number, contact=form.cleaned_data["contact"])
        if order is None:
            tracking.count_failure(ip=ip, number=number)
            form.add_error(
                None,
                _(
                    "Không tìm thấy đơn hàng khớp với mã đơn và số điện thoại hoặc e-mail "
                    "đã nhập. Vui lòng kiểm tra lại."
                ),
            )
            return self.render(form)
        return self.render(OrderTrackingForm(), result=tracking.tracked_order(order))

    def render(self, form, *, status=200, **context):
        return TemplateResponse(self.request, TEMPLATE, {"form": form, **context}, status=status)

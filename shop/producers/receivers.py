from django.dispatch import receiver
from oscar.apps.order.signals import order_placed

from . import ratelimit  # noqa: F401  (connects the login counters)
from .services import record_order


@receiver(order_placed, dispatch_uid="producers-record-order")
def order_placed_record(sender, order, **kwargs):
    """Every placed order gets a shipment per producer and a commission record per line."""
    record_order(order=order)

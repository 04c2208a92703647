from django import template

from ..models import Shipment

register = template.Library()


@register.inclusion_tag("producers/partials/shipments.html")
def order_shipments(order):
    """`{% load producer_tags %}{% order_shipments order %}`: a shipment per producer with its
    status, carrier and tracking number, for the shopper's order page."""
    return {"shipments": list(Shipment.objects.filter(order=order).select_related("partner"))}

"""Consents given at checkout by a signed-in shopper go to their account."""

from django.dispatch import receiver
from oscar.apps.order.signals import order_placed


@receiver(order_placed, dispatch_uid="customer-consent-from-order")
def copy_consent_from_order(sender, order, user=None, **kwargs):
    from .privacy import record_checkout_consent

    user = user if user is not None else order.user
    if user is not None and getattr(user, "is_authenticated", False):
        record_checkout_consent(user=user, order=order)

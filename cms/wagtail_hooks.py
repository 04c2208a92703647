"""Wagtail admin: the product and producer choosers (also the widget for every foreign key
to Product/Partner in page forms)."""

from wagtail import hooks

from .choosers import producer_chooser_viewset, product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_choosers():
    return [product_chooser_viewset, producer_chooser_viewset]

import oscar.apps.checkout.apps as apps
from django.urls import path


class CheckoutConfig(apps.CheckoutConfig):
    name = "shop.checkout"

    def get_urls(self):
        from . import basket_shipping, views

        extra = [
            path("basket-province/", basket_shipping.choose_province, name="basket-province"),
            path("wards/", views.ward_options, name="wards"),
            path("stripe/return/", views.stripe_return, name="stripe-return"),
            path("stripe/webhook/", views.stripe_webhook, name="stripe-webhook"),
            path(
                "packing-slip/<str:number>/",
                views.PackingSlipView.as_view(),
                name="packing-slip",
            ),
            path(
                "packing-slip/<str:number>/<int:partner_id>/",
                views.PackingSlipView.as_view(),
                name="packing-slip-partner",
            ),
        ]
        return super().get_urls() + self.post_process_urls(extra)

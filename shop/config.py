from oscar import config


class Shop(config.Shop):
    """Oscar's shop URLs under /shop/, less the dashboard, which lives at /dashboard/."""

    name = "oscar"

    def get_urls(self):
        urls = [u for u in super().get_urls() if str(u.pattern) != "dashboard/"]
        return urls + self.extra_urls()

    def extra_urls(self):
        from django.urls import include, path

        return [
            path("ocop/", include("shop.ocop.urls")),
            path("qua-tang/", include("shop.gifts.urls")),
            path("tra-cuu-don-hang/", include("shop.order.urls")),
        ]

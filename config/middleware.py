"""Vietnamese first: the shop's own texts are written in Vietnamese (there is no English
catalogue for them), so a browser that merely prefers English (many Vietnamese phones are set
to English) would get a page half in Oscar's English ("Cart", "Totals") and half in
Vietnamese. The language therefore follows the shopper's explicit choice (the VI/EN switch,
kept in the language cookie) and otherwise is LANGUAGE_CODE; Accept-Language is ignored."""

from django.conf import settings


class VietnameseFirstMiddleware:
    """Put before ``django.middleware.locale.LocaleMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)

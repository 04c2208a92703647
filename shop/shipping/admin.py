from django.contrib import admin

from .models import PaymentSettings, ZoneRate

admin.site.register(ZoneRate)
admin.site.register(PaymentSettings)

from oscar.apps.shipping.admin import *  # noqa: E402, F403

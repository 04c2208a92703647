from django.contrib import admin

from .models import ScheduledRun


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    list_display = ["job", "slot", "enqueued_at", "task_id", "error"]
    list_filter = ["job"]
    readonly_fields = ["job", "slot", "enqueued_at", "task_id", "error"]

"""The audit trail of registry syncs: every run and every record it quarantined."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SyncRun(models.Model):
    class Outcome(models.TextChoices):
        RUNNING = "running", _("Đang chạy")
        APPLIED = "applied", _("Đã áp dụng")
        DRY_RUN = "dry_run", _("Chạy thử (không ghi)")
        ABORTED = "aborted", _("Đã huỷ, không thay đổi gì")
        FAILED = "failed", _("Lỗi")

    class Mode(models.TextChoices):
        FULL = "full", _("Toàn bộ")
        INCREMENTAL = "incremental", _("Thay đổi")

    started_at = models.DateTimeField(_("Bắt đầu"), auto_now_add=True)
    finished_at = models.DateTimeField(_("Kết thúc"), null=True, blank=True)
    source = models.CharField(_("Nguồn"), max_length=1000)
    mode = models.CharField(max_length=16, choices=Mode.choices, default=Mode.FULL)
    updated_since = models.DateTimeField(null=True, blank=True)
    dry_run = models.BooleanField(default=False)
    forced = models.BooleanField(default=False)
    outcome = models.CharField(
        _("Kết quả"), max_length=16, choices=Outcome.choices, default=Outcome.RUNNING
    )
    error = models.TextField(_("Lỗi"), blank=True)
    # created, updated, unchanged, renewed, expired, revoked, suspended, quarantined,
    # delisted, relisted, records
    counts = models.JSONField(default=dict)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"

    def __str__(self) -> str:
        started = f"{self.started_at:%Y-%m-%d %H:%M}" if self.started_at else "?"
        return f"#{self.pk} {self.get_mode_display()} {started} {self.outcome}"


class QuarantinedRecord(models.Model):
    """A registry record that could not be applied, kept with the reason for staff."""

    run = models.ForeignKey(SyncRun, on_delete=models.CASCADE, related_name="quarantined")
    certificate_no = models.CharField(max_length=255, blank=True, db_index=True)
    reason = models.TextField()
    record = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.certificate_no or '?'}: {self.reason}"

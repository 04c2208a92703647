from django.db import models


class ScheduledRun(models.Model):
    """One slot of one periodic job (config/schedule.py), claimed by the scheduler that
    enqueued it. The unique (job, slot) pair is what keeps two schedulers -- or one
    restarted in the same minute -- from enqueueing the same run twice."""

    job = models.CharField(max_length=80)
    slot = models.DateTimeField(help_text="The time the run was due (UTC).")
    enqueued_at = models.DateTimeField(auto_now_add=True)
    task_id = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="ops_scheduledrun_once")
        ]
        indexes = [models.Index(fields=["job", "-slot"], name="ops_run_job_slot")]
        ordering = ["-slot"]
        verbose_name = "lần chạy định kỳ"
        verbose_name_plural = "các lần chạy định kỳ"

    def __str__(self):
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"

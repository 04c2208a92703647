"""Staff read the mistakes producers report about their certificates' registry data, and
mark them handled with a reply the producer sees on its certificates page. Staff only:
producer users get 403 here."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views import View

from .models import CertificateReport
from .views import StaffMixin


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label="Trả lời nhà sản xuất",
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=5,
        max_length=4000,
    )


def _reports():
    return CertificateReport.objects.select_related("certificate", "partner", "user", "resolved_by")


def _tell_producer(report) -> None:
    """E-mail the person who reported (or the producer's address) staff's reply."""
    to = (report.user.email if report.user else "") or report.partner.email
    if not to:
        return
    send_mail(
        subject=f"Trả lời báo sai sót chứng nhận {report.certificate.certificate_no}",
        message=render_to_string(
            "producers/email/report_handled.txt",
            {"report": report, "site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")},
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[to],
    )


class ReportListView(StaffMixin, View):
    def get(self, request):
        show = request.GET.get("show", "open")
        reports = _reports()
        if show == "open":
            reports = reports.filter(resolved_at__isnull=True)
        elif show == "handled":
            reports = reports.filter(resolved_at__isnull=False)
        return render(
            request,
            "producers/staff_reports.html",
            {
                "reports": reports[:200],
                "show": show,
                "open_count": CertificateReport.objects.filter(resolved_at__isnull=True).count(),
            },
        )


class ReportDetailView(StaffMixin, View):
    def page(self, request, report, form, status=200):
        return render(
            request,
            "producers/staff_report.html",
            {"report": report, "form": form},
            status=status,
        )

    def get(self, request, pk):
        report = get_object_or_404(_reports(), pk=pk)
        return self.page(request, report, ReplyForm(initial={"reply": report.reply}))

    def post(self, request, pk):
        form = ReplyForm(request.POST)
        with transaction.atomic():
            report = get_object_or_404(_reports().select_for_update(of=("self",)), pk=pk)
            if not form.is_valid():
                return self.page(request, report, form, status=400)
            first = report.resolved_at is None
            report.reply = form.cleaned_data["reply"].strip()
            report.resolved_at = report.resolved_at or timezone.now()
            report.resolved_by = request.user
            report.save(update_fields=["reply", "resolved_at", "resolved_by"])
            transaction.on_commit(lambda: _tell_producer(report))
        messages.success(
            request,
            "Đã đánh dấu đã xử lý và gửi trả lời cho nhà sản xuất."
            if first
            else "Đã cập nhật câu trả lời.",
        )
        return redirect("producers:staff-reports")

"""Staff read the mistakes producers report about their certificates' registry data, and
mark them handled with a reply the producer sees on its certificates page. Staff only:
producer users get 403 here."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from . import services
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
            first = services.answer_report(
                report=report, reply=form.cleaned_data["reply"], by=request.user
            )
        messages.success(
            request,
            "Đã đánh dấu đã xử lý và gửi trả lời cho nhà sản xuất."
            if first
            else "Đã cập nhật câu trả lời.",
        )
        return redirect("producers:staff-reports")

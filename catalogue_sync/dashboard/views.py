"""Staff-only audit pages for registry syncs and certificates, in the Oscar dashboard look."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import DetailView, ListView
from django_tasks import TaskResultStatus

from shop.ocop.models import Certificate, CertificateEvent, CertificateStatus
from shop.ocop.rules import today

from ..apply import COUNT_KEYS
from ..models import SyncRun
from ..tasks import sync_registry
from .forms import CertificateSearchForm, SyncNowForm

COUNT_LABELS = {
    "records": _lazy("bản ghi"),
    "created": _lazy("mới"),
    "updated": _lazy("cập nhật"),
    "unchanged": _lazy("không đổi"),
    "renewed": _lazy("cấp lại"),
    "expired": _lazy("hết hiệu lực"),
    "revoked": _lazy("thu hồi"),
    "suspended": _lazy("tạm đình chỉ"),
    "quarantined": _lazy("cách ly"),
    "delisted": _lazy("ngừng bán"),
    "relisted": _lazy("bán lại"),
}
EXPIRING_DAYS = 60


def pretty_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=str)


def labelled_counts(run: SyncRun) -> list[tuple[str, str, int]]:
    """(key, Vietnamese label, number) in a stable order, zeros included."""
    keys = ["records", *COUNT_KEYS]
    return [(k, str(COUNT_LABELS.get(k, k)), int(run.counts.get(k) or 0)) for k in keys]


class StaffRequiredMixin:
    """Anonymous users go to the login page; signed-in non-staff (producers) get 403."""

    login_url = reverse_lazy("customer:login")

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), str(self.login_url))
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SyncRunListView(StaffRequiredMixin, ListView):
    template_name = "catalogue_sync/dashboard/run_list.html"
    context_object_name = "runs"
    paginate_by = 25

    def get_queryset(self) -> QuerySet[SyncRun]:
        return (
            SyncRun.objects.select_related("triggered_by")
            .annotate(quarantined_total=Count("quarantined"))
            .order_by("-started_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for run in context["runs"]:
            run.count_items = [c for c in labelled_counts(run) if c[2]]
        context["sync_form"] = SyncNowForm()
        context["registry_url"] = settings.REGISTRY_URL
        context["last_applied"] = SyncRun.objects.filter(
            outcome=SyncRun.Outcome.APPLIED
        ).first()
        return context


class SyncRunDetailView(StaffRequiredMixin, DetailView):
    model = SyncRun
    template_name = "catalogue_sync/dashboard/run_detail.html"
    context_object_name = "run"
    quarantined_per_page = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.object
        paginator = Paginator(run.quarantined.order_by("pk"), self.quarantined_per_page)
        page = paginator.get_page(self.request.GET.get("page"))
        for record in page.object_list:
            record.pretty = pretty_json(record.record)
        context.update(
            paginator=paginator,
            page_obj=page,
            quarantined=page.object_list,
            counts=labelled_counts(run),
            events=run_events(run),
        )
        return context


def run_events(run: SyncRun) -> QuerySet:
    return (
        CertificateEvent.objects.filter(sync_run_id=run.pk)
        .exclude(kind=CertificateEvent.Kind.UPDATED)
        .select_related("certificate")
        .order_by("certificate__certificate_no", "pk")[:200]
    )


class SyncNowView(StaffRequiredMixin, View):
    """POST only: start a sync in the background (django-tasks), back to the runs list."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        target = reverse("ocop_dashboard:sync-run-list")
        if not settings.REGISTRY_URL:
            messages.error(
                request,
                _(
                    "Chưa cấu hình nguồn dữ liệu OCOP: đặt biến môi trường REGISTRY_URL "
                    "(địa chỉ feed hoặc đường dẫn tệp .json/.xlsx/.csv) rồi thử lại."
                ),
            )
            return HttpResponseRedirect(target)
        form = SyncNowForm(request.POST)
        form.is_valid()  # two optional checkboxes: always valid
        options = form.cleaned_data
        result = sync_registry.enqueue(
            full=bool(options.get("full")),
            dry_run=bool(options.get("dry_run")),
            user_id=request.user.pk,
        )
        self._report(request, result, dry_run=bool(options.get("dry_run")))
        return HttpResponseRedirect(target)

    def _report(self, request, result, *, dry_run: bool) -> None:
        if result.status == TaskResultStatus.FAILED:
            messages.error(request, _("Không chạy được lần đồng bộ; xem nhật ký máy chủ."))
            return
        if result.status != TaskResultStatus.SUCCESSFUL:
            text = _("Đã bắt đầu đồng bộ trong nền. Tải lại trang sau ít phút để xem kết quả.")
            if dry_run:
                text += " " + _("(Chạy thử: không ghi dữ liệu.)")
            messages.info(request, text)
            return
        run = SyncRun.objects.filter(pk=result.return_value).first()
        if run is None:
            messages.info(request, _("Đã chạy đồng bộ."))
            return
        summary = _("Lần đồng bộ #%(pk)s: %(outcome)s.") % {
            "pk": run.pk,
            "outcome": run.get_outcome_display(),
        }
        if run.outcome in (SyncRun.Outcome.ABORTED, SyncRun.Outcome.FAILED):
            messages.error(request, f"{summary} {run.error}")
        else:
            numbers = ", ".join(f"{label}: {n}" for _k, label, n in labelled_counts(run) if n)
            messages.success(request, f"{summary} {numbers}".strip())


class CertificateListView(StaffRequiredMixin, ListView):
    template_name = "catalogue_sync/dashboard/certificate_list.html"
    context_object_name = "certificates"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Certificate]:
        queryset = Certificate.objects.select_related("producer", "product").order_by(
            "certificate_no"
        )
        self.form = CertificateSearchForm(self.request.GET or None)
        if not self.form.is_valid():
            return queryset
        q = self.form.cleaned_data.get("q", "").strip()
        if q:
            queryset = queryset.filter(
                Q(certificate_no__icontains=q)
                | Q(product_code__icontains=q)
                | Q(product_name__icontains=q)
                | Q(producer__name__icontains=q)
                | Q(producer__registry_code__icontains=q)
            )
        state = self.form.cleaned_data.get("state")
        if state:
            queryset = queryset.filter(state_q(state, on=today()))
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = today()
        for certificate in context["certificates"]:
            certificate.state = certificate.state_on(day)
            certificate.state_text = Certificate.STATE_LABELS[certificate.state]
        context["form"] = self.form
        context["is_filtered"] = bool(self.request.GET.get("q") or self.request.GET.get("state"))
        context["total"] = context["paginator"].count if context.get("paginator") else len(
            context["certificates"]
        )
        return context


def state_q(state: str, *, on) -> Q:
    """The certificate states of ``Certificate.state_on`` as filters (plus "expiring")."""
    active = Q(status=CertificateStatus.ACTIVE)
    valid = active & Q(valid_from__lte=on, valid_until__gte=on)
    return {
        "revoked": Q(status=CertificateStatus.REVOKED),
        "suspended": Q(status=CertificateStatus.SUSPENDED),
        "valid": valid,
        "expiring": valid & Q(valid_until__lte=on + timedelta(days=EXPIRING_DAYS)),
        "expired": active & Q(valid_until__lt=on),
        "not_yet_valid": active & Q(valid_from__gt=on),
    }.get(state, Q())


REGISTRY_FIELDS = [
    "certificate_no",
    "product_code",
    "product_name",
    "product_group",
    "product_subgroup",
    "stars",
    "score",
    "issued_by",
    "decision_no",
    "decision_date",
    "valid_from",
    "valid_until",
    "status",
    "status_changed_on",
    "status_reason",
    "registry_authority",
    "registry_province_code",
    "registry_updated_at",
    "last_checked_at",
    "content_hash",
    "created_at",
    "updated_at",
]


# Fields the model leaves without a Vietnamese verbose_name.
FIELD_LABELS = {
    "registry_province_code": _lazy("Mã tỉnh của hệ thống OCOP"),
    "content_hash": _lazy("Mã băm nội dung"),
    "created_at": _lazy("Ghi vào cửa hàng lúc"),
    "updated_at": _lazy("Sửa lần cuối lúc"),
}


class CertificateDetailView(StaffRequiredMixin, DetailView):
    template_name = "catalogue_sync/dashboard/certificate_detail.html"
    context_object_name = "certificate"

    def get_object(self, queryset=None) -> Certificate:
        return get_object_or_404(
            Certificate.objects.select_related("producer", "product"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        certificate = self.object
        day = today()
        rows = []
        for name in REGISTRY_FIELDS:
            field = Certificate._meta.get_field(name)
            display = getattr(certificate, f"get_{name}_display", None)
            value = display() if display and field.choices else getattr(certificate, name)
            if isinstance(value, datetime):
                value = formats.date_format(timezone.localtime(value), "d/m/Y H:i:s")
            elif isinstance(value, date):
                value = formats.date_format(value, "d/m/Y")
            label = FIELD_LABELS.get(name) or str(field.verbose_name)
            rows.append({"name": name, "label": label, "value": value})
        events = list(certificate.events.order_by("on", "recorded_at", "pk"))
        run_ids = {e.sync_run_id for e in events if e.sync_run_id}
        existing = set(SyncRun.objects.filter(pk__in=run_ids).values_list("pk", flat=True))
        for event in events:
            event.run_exists = event.sync_run_id in existing
        context.update(
            fields=rows,
            state=certificate.state_on(day),
            state_text=Certificate.STATE_LABELS[certificate.state_on(day)],
            days_left=certificate.days_left(day),
            events=events,
            notices=certificate.expiry_notices.all(),
            raw=pretty_json(certificate.raw),
        )
        return context

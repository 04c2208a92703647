"""Mounted at /dashboard/ocop/ (config/urls.py, before Oscar's dashboard)."""

from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "ocop_dashboard"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="ocop_dashboard:sync-run-list"), name="index"),
    path("syncs/", views.SyncRunListView.as_view(), name="sync-run-list"),
    path("syncs/run/", views.SyncNowView.as_view(), name="sync-now"),
    path("syncs/<int:pk>/", views.SyncRunDetailView.as_view(), name="sync-run-detail"),
    path("certificates/", views.CertificateListView.as_view(), name="certificate-list"),
    path(
        "certificates/<int:pk>/",
        views.CertificateDetailView.as_view(),
        name="certificate-detail",
    ),
]

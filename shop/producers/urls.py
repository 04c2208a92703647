"""Mounted at /dashboard/producer/ (config/urls.py, before Oscar's dashboard)."""

from django.urls import path

from shop.origin import views as origin

from . import reports, reviews, variants, views

app_name = "producers"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("products/", views.ProductListView.as_view(), name="product-list"),
    path("products/bulk/", views.BulkEditView.as_view(), name="bulk-edit"),
    path("products/<int:pk>/", views.ProductEditView.as_view(), name="product-edit"),
    path("products/<int:pk>/photos/", views.PhotoUploadView.as_view(), name="photo-upload"),
    path(
        "products/<int:pk>/photos/<int:image_pk>/delete/",
        views.PhotoDeleteView.as_view(),
        name="photo-delete",
    ),
    path(
        "products/<int:pk>/variants/new/",
        variants.VariantCreateView.as_view(),
        name="variant-add",
    ),
    path(
        "products/<int:pk>/variants/<int:variant_pk>/",
        variants.VariantEditView.as_view(),
        name="variant-edit",
    ),
    path("nguon-goc/", origin.OriginHomeView.as_view(), name="origin"),
    path("nguon-goc/vung/moi/", origin.AreaFormView.as_view(), name="area-add"),
    path("nguon-goc/vung/<int:pk>/", origin.AreaFormView.as_view(), name="area-edit"),
    path("nguon-goc/vung/<int:pk>/xoa/", origin.AreaDeleteView.as_view(), name="area-delete"),
    path("nguon-goc/lo/moi/", origin.BatchFormView.as_view(), name="batch-add"),
    path("nguon-goc/lo/<int:pk>/", origin.BatchFormView.as_view(), name="batch-edit"),
    path("nguon-goc/lo/<int:pk>/xoa/", origin.BatchDeleteView.as_view(), name="batch-delete"),
    path("orders/", views.OrderListView.as_view(), name="order-list"),
    path("orders/<str:number>/", views.OrderDetailView.as_view(), name="order-detail"),
    path("statement/", views.StatementView.as_view(), name="statement"),
    path("statement.csv", views.StatementCSVView.as_view(), name="statement-csv"),
    path("certificates/", views.CertificateListView.as_view(), name="certificate-list"),
    path(
        "certificates/<int:pk>/report/",
        views.CertificateReportView.as_view(),
        name="certificate-report",
    ),
    path("reviews/", reviews.ReviewListView.as_view(), name="review-list"),
    path("reviews/<int:pk>/answer/", reviews.ReviewAnswerView.as_view(), name="review-answer"),
    path(
        "invitation/<str:token>/",
        views.AcceptInvitationView.as_view(),
        name="accept-invitation",
    ),
    path("staff/invite/", views.InviteView.as_view(), name="staff-invite"),
    path("staff/payouts/", views.PayoutListView.as_view(), name="staff-payouts"),
    path("staff/reports/", reports.ReportListView.as_view(), name="staff-reports"),
    path("staff/reports/<int:pk>/", reports.ReportDetailView.as_view(), name="staff-report"),
]

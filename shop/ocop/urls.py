from django.urls import path

from .views import CertificateDetailView, ProductTraceView

app_name = "ocop"
urlpatterns = [
    # A product's traceability page (its certificate's page), e.g. from the producer portal.
    path("san-pham/<int:pk>/", ProductTraceView.as_view(), name="product-trace"),
    path("<path:certificate_no>/", CertificateDetailView.as_view(), name="certificate"),
]

from django.urls import path

from .views import CertificateDetailView

app_name = "ocop"
urlpatterns = [
    path("<path:certificate_no>/", CertificateDetailView.as_view(), name="certificate"),
]

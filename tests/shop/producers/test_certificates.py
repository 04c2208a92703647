from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from shop.producers.models import CertificateReport
from tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db


def test_certificates_with_expiring_ones_and_registry_data(client_a, side_a):
    soon = CertificateFactory(
        producer=side_a.partner,
        valid_until=timezone.localdate() + timedelta(days=45),
        registry_authority="UBND tỉnh Thái Nguyên",
    )
    html = client_a.get(reverse("producers:certificate-list")).content.decode()
    assert "1 chứng nhận hết hạn trong 90 ngày tới" in html
    assert soon.certificate_no in html
    assert "còn 45 ngày" in html
    assert "UBND tỉnh Thái Nguyên" in html and soon.decision_no in html
    assert side_a.product.certificates.get().certificate_no in html


def test_report_a_mistake_reaches_staff(client_a, side_a):
    cert = side_a.product.certificates.get()
    response = client_a.post(
        reverse("producers:certificate-report", args=[cert.pk]),
        {"message": "Số sao đúng là 5 sao theo quyết định mới."},
    )
    assert response.status_code == 302
    report = CertificateReport.objects.get()
    assert (report.certificate, report.partner, report.user) == (cert, side_a.partner, side_a.user)
    assert cert.certificate_no in mail.outbox[-1].subject
    cert.refresh_from_db()
    assert cert.stars == 4  # a message, not an edit

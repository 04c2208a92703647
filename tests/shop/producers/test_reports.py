"""Staff see the certificate mistakes producers report, mark them handled with a reply, and
the producer sees the status; producers cannot open the staff page."""

import pytest
from django.urls import reverse

from shop.producers.models import CertificateReport

pytestmark = pytest.mark.django_db


def report(client_a, side_a, text="Số quyết định trên hệ thống bị sai một chữ số."):
    cert = side_a.product.certificates.get()
    client_a.post(reverse("producers:certificate-report", args=[cert.pk]), {"message": text})
    return CertificateReport.objects.get(certificate=cert)


def test_staff_reply_marks_handled_and_the_producer_sees_it(
    client_a, side_a, admin_client, django_capture_on_commit_callbacks
):
    from django.core import mail

    r = report(client_a, side_a)
    mail.outbox.clear()
    mine = client_a.get(reverse("producers:certificate-list")).content.decode()
    assert "Đang chờ xử lý" in mine and "Số quyết định" in mine

    listing = admin_client.get(reverse("producers:staff-reports")).content.decode()
    assert "Hợp tác xã Chè Tân Cương" in listing and "Số quyết định" in listing
    assert "(1 đang chờ)" in listing
    url = reverse("producers:staff-report", args=[r.pk])
    assert admin_client.post(url, {"reply": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url, {"reply": "Đã sửa theo quyết định gốc; lần đồng bộ tới sẽ cập nhật."}
        )
    assert response.status_code == 302
    (notice,) = mail.outbox
    assert notice.to == [side_a.user.email]
    assert "lần đồng bộ tới sẽ cập nhật" in notice.body and "Số quyết định" in notice.body
    r.refresh_from_db()
    assert r.resolved_at is not None and r.resolved_by.is_staff
    assert "(0 đang chờ)" in admin_client.get(reverse("producers:staff-reports")).content.decode()
    handled = admin_client.get(reverse("producers:staff-reports") + "?show=handled")
    assert "Số quyết định" in handled.content.decode()

    mine = client_a.get(reverse("producers:certificate-list")).content.decode()
    assert "Đã xử lý" in mine and "lần đồng bộ tới sẽ cập nhật" in mine
    assert "Đang chờ xử lý" not in mine


def test_producers_cannot_reach_the_staff_pages(client_a, side_a, side_b, client):
    r = report(client_a, side_a)
    for url in (
        reverse("producers:staff-reports"),
        reverse("producers:staff-report", args=[r.pk]),
    ):
        assert client_a.get(url).status_code == 403
        assert client_a.post(url, {"reply": "Tự đóng báo cáo của mình"}).status_code == 403
    r.refresh_from_db()
    assert r.resolved_at is None
    # Producer B does not see A's report on its certificates page.
    client.force_login(side_b.user)
    assert "Số quyết định" not in client.get(reverse("producers:certificate-list")).content.decode()


def test_the_certificates_page_reads_every_report_in_one_query(client_a, side_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import CertificateFactory

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            html = client_a.get(reverse("producers:certificate-list")).content.decode()
        return len(ctx.captured_queries), html

    report(client_a, side_a, text="Chứng nhận thứ nhất: số quyết định sai.")
    one, _html = queries()
    for n in range(3):
        cert = CertificateFactory(producer=side_a.partner)
        CertificateReport.objects.create(
            certificate=cert, partner=side_a.partner, user=side_a.user, message=f"Sai sót số {n}."
        )
    more, html = queries()
    assert more == one  # not one query per certificate
    assert "Chứng nhận thứ nhất" in html and "Sai sót số 2." in html
    assert html.count("Đang chờ xử lý") == 4

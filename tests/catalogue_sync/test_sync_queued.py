"""With a queued task backend, "Đồng bộ ngay" only enqueues: the staff member's request
answers at once and the worker runs the sync."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from catalogue_sync.models import SyncRun
from shop.ocop.models import Certificate
from tests.catalogue_sync.test_dashboard import write_feed
from tests.services import run_worker

pytestmark = pytest.mark.django_db


def test_sync_now_is_run_by_the_worker(
    client, django_user_model, queued_tasks, tmp_path, settings, make_records
):
    staff = django_user_model.objects.create_user(
        username="nv", email="nv@cho-ocop.vn", password="x", is_staff=True
    )
    settings.REGISTRY_URL = str(write_feed(tmp_path / "feed.json", make_records(3)))
    client.force_login(staff)
    response = client.post(reverse("ocop_dashboard:sync-now"), {"full": "on"}, follow=True)
    assert response.status_code == 200
    assert "Đã bắt đầu đồng bộ trong nền" in response.content.decode()
    # Nothing synced inside the request.
    assert not SyncRun.objects.exists() and not Certificate.objects.exists()
    queued = DBTaskResult.objects.get(task_path="catalogue_sync.tasks.sync_registry")
    assert queued.args_kwargs["kwargs"]["user_id"] == staff.pk
    assert run_worker() >= 1
    run = SyncRun.objects.get()
    assert run.outcome == SyncRun.Outcome.APPLIED and run.triggered_by == staff
    assert Certificate.objects.count() == 3
    page = client.get(reverse("ocop_dashboard:sync-run-list")).content.decode()
    assert f"#{run.pk}" in page or str(run.pk) in page

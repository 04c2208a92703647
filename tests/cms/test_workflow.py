"""Trade promotion editors write pages; a moderator must approve before anything goes live.
Scheduled publishing waits for its time; producers never reach the CMS."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import StoryPage
from cms.workflow import EDITORS_GROUP, MODERATORS_GROUP
from tests.cms import helpers
from tests.factories import ProducerFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def _user(username, *groups, **extra):
    user = User.objects.create_user(
        username=username, email=f"{username}@cho-ocop.vn", password="x", **extra
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def editor():
    return _user("bientap", EDITORS_GROUP, is_staff=True)


@pytest.fixture
def moderator():
    return _user("kiemduyet", MODERATORS_GROUP, is_staff=True)


def story_form(title="Chè Tân Cương", slug="che-tan-cuong", **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-11-20",
            "author": "Ngọc Anh",
            "intro": "Tóm tắt",
            "body": streamfield([("paragraph", rich_text("<p>Sao tay trên chảo gang.</p>"))]),
            "tags": "Chè",
            "producer_links": inline_formset([]),
            "product_links": inline_formset([]),
            **extra,
        }
    )


def add_story(client, index, data):
    url = reverse("wagtailadmin_pages:add", args=("cms", "storypage", index.pk))
    return client.post(url, data)


def approve(page, user):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    assert task_state is not None, "no review in progress"
    actions = [name for name, *_ in task_state.task.specific.get_actions(page, user)]
    assert "approve" in actions, f"{user} cannot approve"
    task_state.task.specific.on_action(task_state, user, "approve")
    page.refresh_from_db()


def test_the_root_page_is_reviewed_by_moderators():
    workflow = Workflow.objects.get(workflow_pages__page__depth=1)
    (task,) = [t.specific for t in workflow.tasks]
    assert list(task.groups.values_list("name", flat=True)) == [MODERATORS_GROUP]


def test_editor_cannot_publish_alone(client, editor, moderator):
    index = helpers.story_index()
    client.force_login(editor)

    # "Publish" is not offered to an editor; posting it anyway only saves a draft.
    response = add_story(client, index, {**story_form(), "action-publish": "action-publish"})
    assert response.status_code == 302
    page = StoryPage.objects.get(slug="che-tan-cuong")
    assert not page.live
    assert not page.permissions_for_user(editor).can_publish()
    assert client.get(f"/{index.slug}/che-tan-cuong/").status_code == 404

    # Submitting for moderation starts the review; the editor cannot approve it.
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.post(edit_url, {**story_form(), "action-submit": "action-submit"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert not page.live
    task_state = page.current_workflow_task_state
    assert task_state.task.specific.get_actions(page, editor) == []

    # The moderator approves: now it is live, and the history keeps every revision.
    approve(page, moderator)
    assert page.live
    assert client.get(page.url).status_code == 200
    assert page.revisions.count() >= 2


def test_moderator_can_reject_and_the_page_stays_offline(client, editor, moderator):
    index = helpers.story_index()
    client.force_login(editor)
    add_story(client, index, {**story_form(), "action-submit": "action-submit"})
    page = StoryPage.objects.get(slug="che-tan-cuong")
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject")
    page.refresh_from_db()
    assert not page.live
    assert not page.workflow_in_progress or page.current_workflow_state.status == "needs_changes"


def test_scheduled_publishing_waits_for_its_time(client, editor, moderator):
    index = helpers.story_index()
    client.force_login(editor)
    go_live = timezone.localtime() + timedelta(days=2)
    data = story_form(go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    add_story(client, index, {**data, "action-submit": "action-submit"})
    page = StoryPage.objects.get(slug="che-tan-cuong")

    approve(page, moderator)
    assert not page.live  # approved, but scheduled
    revision = page.revisions.exclude(approved_go_live_at=None).get()

    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live  # not yet

    assert revision.approved_go_live_at > timezone.now()

    with time_machine.travel(go_live + timedelta(minutes=5), tick=False):
        call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live


def test_producers_cannot_open_the_cms(client):
    producer_user = _user("nhasanxuat")
    producer_user.user_permissions.add(
        Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    )
    ProducerFactory().users.add(producer_user)
    page = helpers.story()
    client.force_login(producer_user)

    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        reverse("wagtailadmin_pages:add", args=("cms", "storypage", page.get_parent().pk)),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/cms/login/" in response["Location"] or "login" in response["Location"]
    assert not page.permissions_for_user(producer_user).can_edit()


def test_load_demo_pages_puts_the_demo_editor_in_the_group():
    user = _user("bientap-demo")
    user.email = "bientap@cho-ocop.vn"
    user.save()
    call_command("load_demo_pages", verbosity=0)
    assert user.groups.filter(name=EDITORS_GROUP).exists()


def test_load_demo_once_puts_the_demo_editor_in_the_group(settings):
    """A fresh database, load_demo run once: bientap@ can write pages straight away."""
    settings.DEBUG = True
    assert not User.objects.filter(email="bientap@cho-ocop.vn").exists()
    call_command("load_demo", verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
    editor = User.objects.get(email="bientap@cho-ocop.vn")
    assert editor.groups.filter(name=EDITORS_GROUP).exists()
    story = StoryPage.objects.live().first()
    assert story is not None
    assert story.permissions_for_user(editor).can_edit()
    assert not story.permissions_for_user(editor).can_publish()


def test_editor_forms_offer_product_and_producer_choosers(client, editor):
    client.force_login(editor)
    index = helpers.event_index()
    html = client.get(
        reverse("wagtailadmin_pages:add", args=("cms", "fairpage", index.pk))
    ).content.decode()
    assert "Chọn sản phẩm" in html
    assert "Chọn nhà sản xuất" in html
    assert "Gian hàng số" in html
    story_index = helpers.story_index()
    response = client.get(
        reverse("wagtailadmin_pages:add", args=("cms", "storypage", story_index.pk))
    )
    assert response.status_code == 200
    assert "map_pin" in response.content.decode()  # the map pin block is offered
    assert client.get(reverse("product_chooser:choose")).status_code == 200

"""Who may write CMS pages, and who must approve them before they go live.

"Trade promotion editors" (biên tập xúc tiến thương mại) create and edit pages and upload
images, but cannot publish: publishing goes through the "Moderators approval" workflow
(a GroupApprovalTask for Wagtail's "Moderators" group) attached to the root page, so every
page in the tree is reviewed. Producers (Oscar partner users) get no Wagtail admin access.

``ensure_editorial_setup`` takes an app registry so the data migration (historical models)
and ``load_demo_pages`` (after a flush) share it; it is idempotent.
"""

EDITORS_GROUP = "Trade promotion editors"
MODERATORS_GROUP = "Moderators"
WORKFLOW_NAME = "Moderators approval"

PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page", "unlock_page")
IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")


def _permission(apps, app_label: str, model: str, codename: str, name: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def ensure_editorial_setup(apps) -> None:
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.add(
        _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    )
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        for codename in PAGE_PERMISSIONS:
            permission = _permission(
                apps, "wagtailcore", "page", codename, codename.replace("_", " ")
            )
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=permission
            )
    collection = Collection.objects.filter(depth=1).order_by("path").first()
    if collection is not None:
        for codename in IMAGE_PERMISSIONS:
            permission = _permission(
                apps, "wagtailimages", "image", codename, codename.replace("_", " ")
            )
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=collection, permission=permission
            )

    moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    if root is None:
        return
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(groups=moderators, active=True).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=WORKFLOW_NAME, content_type=task_type, active=True
        )
        task.groups.add(moderators)
    if not WorkflowPage.objects.filter(page=root).exists():
        workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
        if workflow is None:
            workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(page=root, workflow=workflow)

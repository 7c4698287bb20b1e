"""The "Medical reviewers" role and the medical review workflow.

* The group, created like the other staff roles (referrals 0002); its Django permissions are synced from the
  roles module after migrate like theirs.
* Page permissions under /pages/: content editors and medical reviewers may add and change treatment pages;
  neither may publish. A change goes live only through the workflow, whose one task is assigned to the medical
  reviewers; its approval publishes and stamps the review (content.workflows).
* Wagtail's own starter groups ("Moderators", "Editors") and their workflow are removed: the staff roles are the
  only way to the CMS.
"""

from django.db import migrations

MEDICAL_REVIEWERS = "Medical reviewers"
CONTENT_EDITORS = "Content editors"
WORKFLOW = "Medical review"
PAGE_PERMISSIONS = {CONTENT_EDITORS: ("add_page", "change_page"), MEDICAL_REVIEWERS: ("change_page",)}


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    TreatmentIndexPage = apps.get_model("content", "TreatmentIndexPage")

    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()
    Workflow.objects.filter(name="Moderators approval").update(active=False)
    WorkflowPage.objects.all().delete()

    reviewers, _ = Group.objects.get_or_create(name=MEDICAL_REVIEWERS)
    editors, _ = Group.objects.get_or_create(name=CONTENT_EDITORS)
    index = TreatmentIndexPage.objects.get()
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    for group in (editors, reviewers):
        for codename in PAGE_PERMISSIONS[group.name]:
            permission, _ = Permission.objects.get_or_create(
                content_type=page_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
            )
            GroupPagePermission.objects.get_or_create(group=group, page_id=index.pk, permission=permission)

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.create(name="Medical review", content_type=task_type, active=True)
    task.groups.set([reviewers])
    workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page_id=index.pk, workflow=workflow)


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name="Medical review").delete()
    apps.get_model("auth", "Group").objects.filter(name=MEDICAL_REVIEWERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0006_remove_old_pages"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_workflow, remove_workflow)]

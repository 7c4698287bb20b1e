"""The CMS's fixed structure: the /pages/ index as the site's root, the medical review workflow and who may do
what, made sure of after every ``migrate`` (and after a test database is flushed, which empties Wagtail's tables
too). Migrations 0005, 0007 and 0010 created it first; this keeps it there, so the medical review cannot be
switched off for good by unassigning the workflow in the CMS: the next deploy puts it back. Idempotent.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_migrate
from django.utils.translation import get_supported_language_variant
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

MEDICAL_REVIEWERS = "Medical reviewers"
CONTENT_EDITORS = "Content editors"
WORKFLOW = "Medical review"
# Editors add and change treatment pages, reviewers change them; neither publishes: approval does.
PAGE_PERMISSIONS = {CONTENT_EDITORS: ("add_page", "change_page"), MEDICAL_REVIEWERS: ("change_page",)}
REVIEWED_SNIPPETS = ("careoptiontext", "helpnowtext")


def ensure_index():
    """The /pages/ index, the root of the default site."""
    from content.models import TreatmentIndexPage

    Locale.objects.get_or_create(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))
    index = TreatmentIndexPage.objects.first()
    if index is None:
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        index = root.add_child(instance=TreatmentIndexPage(title="About treatment", slug="pages"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": index},
        create_defaults={"hostname": "localhost", "port": 80, "root_page": index},
    )
    return index


def ensure_medical_review():
    """The reviewers' group, the page permissions of both content roles, and the workflow on the pages and the
    reviewed snippets."""
    index = ensure_index()
    page_type = ContentType.objects.get_for_model(Page)
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for codename in codenames:
            permission = Permission.objects.get(content_type=page_type, codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW, active=True)
        task = GroupApprovalTask.objects.create(name=WORKFLOW, active=True)
        task.groups.set([Group.objects.get(name=MEDICAL_REVIEWERS)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    for model in REVIEWED_SNIPPETS:
        content_type = ContentType.objects.get(app_label="content", model=model)
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})


def _after_migrate(sender, **kwargs):
    ensure_medical_review()


def connect_signals(app_config):
    post_migrate.connect(_after_migrate, sender=app_config, dispatch_uid="content.ensure_medical_review")

"""The CMS's structure (the /pages/ index as the site root, the medical review workflow and the content roles'
page permissions) is made sure of after every migrate, even from an emptied database, and only once."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, Site, Workflow, WorkflowContentType, WorkflowPage

from content.cms import ensure_medical_review
from content.loader import load_initial, read_initial
from content.models import CareOptionText, TreatmentPage

pytestmark = pytest.mark.django_db


def structure():
    return (
        Page.objects.count(), Site.objects.count(), Workflow.objects.count(), WorkflowPage.objects.count(),
        WorkflowContentType.objects.count(), GroupPagePermission.objects.count(),
    )  # fmt: skip


def test_an_emptied_cms_is_rebuilt_and_the_content_loads_and_is_reviewed(client):
    for model in (WorkflowPage, WorkflowContentType, Workflow, GroupPagePermission, Site):
        model.objects.all().delete()
    Page.objects.all().delete()
    Group.objects.filter(name="Medical reviewers").delete()

    ensure_medical_review()
    load_initial(read_initial())

    assert client.get("/pages/methadone/").status_code == 200
    page = TreatmentPage.objects.get(slug="methadone")
    assert page.get_workflow().name == "Medical review"
    assert CareOptionText.objects.first().get_workflow().name == "Medical review"
    reviewers = Group.objects.get(name="Medical reviewers")
    assert page.get_workflow().tasks.get().specific.groups.get() == reviewers


def test_running_it_again_changes_nothing():
    ensure_medical_review()
    before = structure()
    ensure_medical_review()
    assert structure() == before

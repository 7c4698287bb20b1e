"""Care-option texts and the help-now text go through the medical review workflow (0007) too: an editor's change
is a draft until a medical reviewer approves it."""

from django.db import migrations

REVIEWED = ("careoptiontext", "helpnowtext")


def link(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for model in REVIEWED:
        content_type, _ = ContentType.objects.get_or_create(app_label="content", model=model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": Workflow.objects.get(name="Medical review")}
        )


def unlink(apps, schema_editor):
    apps.get_model("wagtailcore", "WorkflowContentType").objects.filter(
        content_type__app_label="content", content_type__model__in=REVIEWED
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("content", "0009_snippets_and_settings")]
    operations = [migrations.RunPython(link, unlink)]

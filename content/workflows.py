"""The end of the medical review workflow (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

Wagtail imports this while its own models load, so the content models are imported inside the function.
"""

from django.utils import timezone


def publish_approved(workflow_state, user=None):
    """Publish what the workflow approved; a treatment page approved by a medical reviewer is stamped first.

    Anyone else finishing a workflow (an administrator, say) publishes without a stamp, so the page says "Not yet
    medically reviewed" rather than claim a review that did not happen.
    """
    from content.models import TreatmentPage
    from content.reviews import is_medical_reviewer, stamp_revision

    revision = workflow_state.content_object.get_latest_revision()
    if issubclass(revision.content_type.model_class(), TreatmentPage) and is_medical_reviewer(user):
        stamp_revision(revision, user, timezone.localdate())
    # The approval is the permission: the task only lets its group approve, and reviewers hold no publish right.
    revision.publish(user=user, skip_permission_checks=True)

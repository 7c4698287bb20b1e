"""Medical review of the treatment pages: the stamp an approval puts on a page, and the review schedule.

The medical review workflow (a Wagtail workflow whose task is assigned to the "Medical reviewers" group, created
by migration) ends with ``content.workflows.publish_approved``: when a medical reviewer gives
the final approval, the revision that goes live carries their name, credentials and the date, and a fingerprint of
the text they approved. Any later change to that text clears the stamp (``TreatmentPage.clear_stale_review``).
"""

from datetime import date, timedelta

from django.db.models import F, Q

from content.models import MedicalReviewer, TreatmentPage, text_fingerprint

MEDICAL_REVIEWERS = "Medical reviewers"


def is_medical_reviewer(user) -> bool:
    return user is not None and user.is_active and user.groups.filter(name=MEDICAL_REVIEWERS).exists()


def reviewer_identity(user) -> tuple[str, str]:
    """(name, credentials) as shown on the pages a reviewer approves."""
    profile = MedicalReviewer.objects.filter(user=user).first()
    if profile is not None:
        return profile.display_name, profile.credentials
    return user.get_full_name() or user.get_username(), ""


def stamp_revision(revision, user, today: date) -> None:
    """Record on a page revision that ``user`` medically reviewed its summary and body on ``today``."""
    content = revision.content
    name, credentials = reviewer_identity(user)
    content.update(
        reviewed_by=user.pk,
        reviewer_name=name,
        reviewer_credentials=credentials,
        last_reviewed=today.isoformat(),
        next_review_due=(today + timedelta(days=int(content.get("review_interval_days") or 365))).isoformat(),
        reviewed_fingerprint=text_fingerprint(content.get("summary", ""), content.get("body", "")),
    )
    revision.save(update_fields=["content"])


def pages_due_for_review(today: date):
    """Live pages whose medical review is due on or before ``today``, or that have none, the most overdue first
    (never reviewed before everything else). They stay on the site; the weekly reminder lists them."""
    return (
        TreatmentPage.objects.live()
        .filter(Q(next_review_due__lte=today) | Q(next_review_due__isnull=True))
        .select_related("group")
        .order_by(F("next_review_due").asc(nulls_first=True), "title")
    )

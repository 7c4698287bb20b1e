"""Stored intakes and the server-side drafts they are built from."""

import uuid

from django.db import models


class IntakeDraft(models.Model):
    """Answers in progress. Lives server-side only (the session holds its id), expires 24 hours after the last
    answer, and is deleted once submitted or expired."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire_version = models.CharField(max_length=20)
    answers = models.JSONField(default=dict, blank=True)
    # Pages the person has been through (a page may hold only an optional question left blank, so answers alone
    # can't tell whether it was seen).
    completed_steps = models.JSONField(default=list, blank=True)
    # The crisis page was shown / the person chose to carry on past it / asked for an immediate call.
    crisis_shown_at = models.DateTimeField(null=True, blank=True)
    crisis_acknowledged_at = models.DateTimeField(null=True, blank=True)
    crisis_callback_at = models.DateTimeField(null=True, blank=True)
    # The emergency case that call-back opened: the finished questionnaire joins it instead of opening another.
    crisis_case = models.ForeignKey(
        "referrals.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    def __str__(self):
        return f"draft {self.id}"


class Intake(models.Model):
    """A submitted questionnaire: the answers, the engine's output for them, and the consent given."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # The draft it came from; unique, so a replayed or double-clicked submit can't create a second intake.
    draft_key = models.UUIDField(unique=True)
    questionnaire_version = models.CharField(max_length=20)
    rules_version = models.CharField(max_length=20)
    answers = models.JSONField()
    result = models.JSONField(help_text="The engine's output, exactly as `manage.py recommend` prints it.")
    consent_text_version = models.CharField(max_length=20)
    consent_share_text = models.TextField(blank=True, help_text="The consent-to-share wording the person agreed to.")
    # 42 CFR Part 2 consent: the name typed as an electronic signature (the date signed is ``submitted_at``).
    # Personal data: anonymisation clears it.
    consent_share_signed_name = models.CharField(max_length=120, blank=True)
    crisis_shown_at = models.DateTimeField(
        null=True, blank=True, help_text="When the crisis page (988/911) was shown during this questionnaire."
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"intake {self.submitted_at:%Y-%m-%d %H:%M}"

    @property
    def urgency(self) -> str:
        return self.result["urgency"]

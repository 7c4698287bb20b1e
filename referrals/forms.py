"""Forms for the staff screens. Each case action is its own small form with its own prefix, so several can sit on
the case page without their field ids colliding (the error summary links to them)."""

import re
from datetime import datetime, time, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from accounts.roles import COUNSELLORS, SUPERVISORS
from directory.models import ServiceAtLocation, ServiceStatus
from directory.vocabulary import CARE_OPTIONS, INSURANCE_LABELS
from referrals import workflow
from referrals.actions import ContactOutcome
from referrals.models import AuditEvent, Status, Urgency

REFERENCE = re.compile(r"^[23456789A-HJKMNP-Z]{4}-?[23456789A-HJKMNP-Z]{4}$")


class VersionedForm(forms.Form):
    """Carries the case version the counsellor's page showed (optimistic locking, see ``referrals.actions``)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ClaimForm(VersionedForm):
    prefix = "claim"


class UnassignForm(VersionedForm):
    prefix = "unassign"


class TakeOverForm(VersionedForm):
    prefix = "take_over"
    reason = forms.CharField(
        label="Why you are taking it over", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why you are taking this case over"},
    )


def case_workers():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name__in=(COUNSELLORS, SUPERVISORS)) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "username")
    )


class _UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class AssignForm(VersionedForm):
    prefix = "assign"
    assignee = _UserChoiceField(queryset=case_workers(), label="Assign to", empty_label="Choose a colleague")


class ContactForm(forms.Form):
    prefix = "contact"
    outcome = forms.ChoiceField(
        label="What happened?", choices=ContactOutcome.CHOICES, widget=forms.RadioSelect,
        error_messages={"required": "Choose what happened"},
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=5000, widget=forms.Textarea(
        attrs={"rows": 2}))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def options(self):
        """The outcomes with whether each is allowed for this person, for the hand-written radios."""
        unsafe = {
            ContactOutcome.VOICEMAIL: not self.case.voicemail_safe,
            ContactOutcome.TEXT_SENT: not self.case.text_safe,
        }
        return [(value, label, unsafe.get(value, False)) for value, label in ContactOutcome.CHOICES]


class NoteForm(forms.Form):
    prefix = "note"
    text = forms.CharField(
        label="Add a note", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the note"},
    )


class StatusForm(VersionedForm):
    prefix = "status"
    # Any real status validates, so a refused move gets the workflow's own explanation rather than "select a valid
    # choice"; the select offers only the moves the workflow allows now.
    target = forms.ChoiceField(
        label="New status", choices=Status.choices, error_messages={"required": "Choose the new status"}
    )
    note = forms.CharField(label="Why (needed to reopen a case)", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.moves = workflow.available_moves(case.status, contact_attempts=case.contact_attempts)
        self.fields["target"].widget.choices = [("", "Choose")] + [(m.target, m.label) for m in self.moves]


class FollowUpForm(forms.Form):
    prefix = "follow_up"
    due_date = forms.DateField(
        label="Date", widget=forms.DateInput(attrs={"type": "date"}), error_messages={"required": "Enter the date"}
    )
    due_time = forms.TimeField(
        label="Time", initial=time(10, 0), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": "Enter the time"},
    )
    reason = forms.CharField(label="What for", max_length=120, error_messages={"required": "Say what it is for"})

    def clean(self):
        data = super().clean()
        if data.get("due_date") and data.get("due_time"):
            due = timezone.make_aware(datetime.combine(data["due_date"], data["due_time"]))
            if due <= timezone.now():
                self.add_error("due_date", "Choose a time in the future")
            data["due_at"] = due
        return data

    @classmethod
    def default_initial(cls):
        return {"due_date": (timezone.localdate() + timedelta(days=1)).isoformat(), "due_time": time(10, 0)}


class CompleteFollowUpForm(forms.Form):
    prefix = "done"
    follow_up = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000)


class MatchCriteriaForm(forms.Form):
    """What to match on. Filled from the intake; a counsellor can change it after talking to the person."""

    care_options = forms.MultipleChoiceField(
        label="Care options (any of)", choices=list(CARE_OPTIONS.items()), required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    insurance = forms.ChoiceField(
        label="Insurance or payment", choices=[("", "Any / not known")] + list(INSURANCE_LABELS.items()),
        required=False,
    )
    age = forms.IntegerField(label="Age", min_value=12, max_value=110, required=False)
    postcode = forms.RegexField(
        label="ZIP code (for distance)", regex=r"^\d{5}(-\d{4})?$", required=False, max_length=10,
        error_messages={"invalid": "Enter a 5-digit ZIP code"},
    )


class ReferForm(VersionedForm):
    service_at_location = forms.ModelChoiceField(
        queryset=ServiceAtLocation.objects.filter(service__status=ServiceStatus.ACTIVE),
        widget=forms.RadioSelect,
        label="Provider",
        error_messages={"required": "Choose a provider", "invalid_choice": "Choose a provider from the list"},
    )
    share_intake = forms.BooleanField(
        label="Share the intake summary with this provider", required=False,
    )


class QueueFilterForm(forms.Form):
    """GET filters of the queue. Holds no personal data, so it may live in the URL."""

    SCOPES = (("all", "Everyone's"), ("mine", "Mine"), ("unassigned", "Unassigned"))
    STATUSES = (("open", "All open"), *Status.choices, ("any", "Any status"))

    scope = forms.ChoiceField(label="Cases", choices=SCOPES, required=False)
    status = forms.ChoiceField(label="Status", choices=STATUSES, required=False)
    urgency = forms.ChoiceField(label="Urgency", choices=[("", "Any")] + list(Urgency.choices), required=False)
    overdue = forms.BooleanField(
        label="Overdue only", required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )


class SearchForm(forms.Form):
    """Search by case reference or phone number. Sent by POST and kept in the session, so a phone number never
    appears in a URL (and so never in an access log or browser history)."""

    prefix = "search"
    q = forms.CharField(label="Case reference or phone number", max_length=40, error_messages={
        "required": "Enter a case reference or a phone number"})

    def clean_q(self):
        value = self.cleaned_data["q"].strip().upper()
        if REFERENCE.match(value):
            reference = value.replace("-", "")
            return {"kind": "reference", "value": f"{reference[:4]}-{reference[4:]}"}
        digits = re.sub(r"\D", "", value)
        if len(digits) >= 4 and not re.search(r"[A-Z]", value):
            return {"kind": "phone", "value": digits}
        raise forms.ValidationError(
            "Enter a case reference like 7KQ2-M9XD, or at least the last 4 digits of a phone number"
        )


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label="Username", required=False, max_length=150)
    action = forms.ChoiceField(label="Action", choices=[("", "Any")] + list(AuditEvent.Action.choices),
                               required=False)
    case_reference = forms.CharField(label="Case reference", required=False, max_length=9)
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean_case_reference(self):
        return self.cleaned_data["case_reference"].strip().upper()


class MetricsRangeForm(forms.Form):
    """The supervisor's date range: cases opened from ``date_from`` to ``date_to`` (clinic dates, inclusive)."""

    DEFAULT_WEEKS = 8
    MAX_DAYS = 366

    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                error_messages={"invalid": "Enter the first date like 2026-01-31"})
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"invalid": "Enter the last date like 2026-03-31"})

    @classmethod
    def default_range(cls, today):
        return today - timedelta(weeks=cls.DEFAULT_WEEKS) + timedelta(days=1), today

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end:
            if end < start:
                self.add_error("date_to", "The last date must be on or after the first date")
            elif (end - start).days >= self.MAX_DAYS:
                self.add_error("date_to", f"Choose a range of at most {self.MAX_DAYS} days")
        return cleaned

    def range(self, today):
        """The chosen range, the default one (the last 8 weeks) for whatever is missing or invalid."""
        default_start, default_end = self.default_range(today)
        if not self.is_bound or not self.is_valid():
            return default_start, default_end
        end = self.cleaned_data["date_to"] or default_end
        start = self.cleaned_data["date_from"] or end - timedelta(weeks=self.DEFAULT_WEEKS) + timedelta(days=1)
        return start, end

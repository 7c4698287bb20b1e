"""Web forms for the intake.

``FIELD_KINDS`` is the one table that turns a questionnaire ``Question`` kind into a Django form field, and turns a
stored answer back into the value the field shows. Field names are the spec's answer identifiers; yes/no posts
``yes``/``no``; a multiple choice posts repeated values; cleaned values are the typed answers the engine expects
(bool, int, list of str, str). After Django's own checks every value also passes the engine's ``check_value``, so
the web can never store an answer the engine would reject.

Error messages never repeat what was posted (it may be personal data, or 100 KB of junk).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.validators import RegexValidator

from intake.consent import CURRENT as CONSENT
from intake.engine.items import CHOICE, INTEGER, MULTI, NONE, TEXT, YES_NO, Question
from intake.engine.validation import AnswerError, check_value
from messaging.models import ContactMethod
from referrals.models import BestTime

YES, NO = "yes", "no"
HONEYPOT_FIELD = "website"

RADIO_ATTRS = {"class": "form-check-input"}
INPUT_ATTRS = {"class": "form-control"}

INVALID_CHOICE = "Select one of the answers shown"


# --- The table: question kind -> form field ------------------------------------------------------------------------


# Hand-written messages (GOV.UK style) for questions where "instruction: question" would read badly.
QUESTION_MESSAGES = {
    "age": {
        "required": "Enter your age",
        "invalid": "Enter your age as a number, like 34",
    },
    "postcode": {"invalid": "Enter a 5-digit ZIP code, like 10001, or leave this blank"},
    # Two questions on one page ask "which of these have you used?": the messages say which list.
    "opioids_used": {"required": "Select the opioids you used in the past 12 months, or \u2018None of these\u2019"},
    "other_substances": {
        "required": "Select the other drugs you used in the past 12 months, or \u2018None of these\u2019"
    },
}


def _messages(question: Question, **messages: str) -> dict[str, str]:
    """Every message names its own question, so no two in an error summary read the same (the GOV.UK pattern):
    the question's hand-written message, else the instruction followed by the question."""
    own = QUESTION_MESSAGES.get(question.id, {})
    return {key: own.get(key) or f"{message}: {question.label}" for key, message in messages.items()}


def _yes_no_field(question: Question) -> forms.Field:
    labels = {choice.value: choice.label for choice in question.choices}
    return forms.TypedChoiceField(
        choices=[(YES, labels.get(True, "Yes")), (NO, labels.get(False, "No"))],
        coerce=lambda value: value == YES,
        empty_value=None,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        error_messages=_messages(question, required="Select yes or no", invalid_choice=INVALID_CHOICE),
    )


def _choice_field(question: Question) -> forms.Field:
    return forms.ChoiceField(
        choices=[(choice.value, choice.label) for choice in question.choices],
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        error_messages=_messages(question, required="Select an answer", invalid_choice=INVALID_CHOICE),
    )


def _multi_field(question: Question) -> forms.Field:
    return forms.MultipleChoiceField(
        choices=[(choice.value, choice.label) for choice in question.choices],
        widget=forms.CheckboxSelectMultiple(attrs=RADIO_ATTRS),
        error_messages=_messages(
            question,
            required="Select all that apply, or \u2018None of these\u2019",
            invalid_choice=INVALID_CHOICE,
            invalid_list=INVALID_CHOICE,
        ),
    )


def _integer_field(question: Question) -> forms.Field:
    if question.choices:  # a labelled rating scale: radios
        return forms.TypedChoiceField(
            choices=[(str(choice.value), choice.label) for choice in question.choices],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect(attrs=RADIO_ATTRS),
            error_messages=_messages(question, required="Select an answer", invalid_choice=INVALID_CHOICE),
        )
    in_range = f"Enter a number from {question.min_value} to {question.max_value}"
    return forms.IntegerField(
        min_value=question.min_value,
        max_value=question.max_value,
        # GOV.UK: a text input with a numeric keyboard, not type=number (which mangles input and scroll-wheels).
        widget=forms.TextInput(
            attrs={**INPUT_ATTRS, "inputmode": "numeric", "class": "form-control input--short", "maxlength": 3}
        ),
        error_messages=_messages(
            question,
            required="Enter a number",
            invalid="Enter a whole number, like 34",
            min_value=in_range,
            max_value=in_range,
        ),
    )


def _text_field(question: Question) -> forms.Field:
    validators = []
    if question.pattern:
        message = _messages(question, invalid="Check the format of your answer")["invalid"]
        validators.append(RegexValidator(rf"\A(?:{question.pattern})\Z", message=message))
    return forms.CharField(
        required=question.required,
        max_length=question.max_length,
        validators=validators,
        widget=forms.TextInput(attrs={**INPUT_ATTRS, "autocomplete": "off"}),
        error_messages=_messages(
            question,
            required="Enter an answer",
            max_length=f"Enter {question.max_length} characters or fewer",
        ),
    )


def _identity(value: Any) -> Any:
    return value


def _yes_no_initial(value: Any) -> Any:
    return {True: YES, False: NO}.get(value) if isinstance(value, bool) else None


def _integer_initial(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class FieldKind:
    """How one question kind becomes a form field, and how a stored answer is shown in it again."""

    build: Callable[[Question], forms.Field]
    initial: Callable[[Any], Any]


FIELD_KINDS: dict[str, FieldKind] = {
    YES_NO: FieldKind(_yes_no_field, _yes_no_initial),
    CHOICE: FieldKind(_choice_field, _identity),
    MULTI: FieldKind(_multi_field, _identity),
    INTEGER: FieldKind(_integer_field, _integer_initial),
    TEXT: FieldKind(_text_field, _identity),
}


def field_for(question: Question) -> forms.Field:
    field = FIELD_KINDS[question.kind].build(question)
    field.required = question.required
    field.label = question.label
    field.help_text = question.hint
    field.why_we_ask = question.why_we_ask
    field.question = question
    return field


def form_data(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Typed answers as a browser would post them (used by tests and any client driving the forms)."""
    data: dict[str, Any] = {}
    for key, value in answers.items():
        if isinstance(value, bool):
            data[key] = YES if value else NO
        elif isinstance(value, int):
            data[key] = str(value)
        else:
            data[key] = value
    return data


# --- Shared behaviour ---------------------------------------------------------------------------------------------


class HoneypotMixin(forms.Form):
    """Every public form carries a field people never see or fill in (``intake/includes/honeypot.html``, named
    ``HONEYPOT_FIELD``); bots that fill every field give themselves away, and what they send is not stored.

    (Also: no HTML ``required`` attributes. The server validates, and the browser's own bubbles are neither
    accessible nor consistent, as GOV.UK advises.)"""

    use_required_attribute = False

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, ""))


class DescribedFieldsMixin:
    """Point each text input's ``aria-describedby`` at its hint and, after validation, its error message.
    (Radios and checkboxes are described on their fieldset by the template.)"""

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                continue
            bound = self[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}_hint")
            if name in self.errors:
                described.append(f"{bound.auto_id}_error")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


# --- Questionnaire pages ------------------------------------------------------------------------------------------


class QuestionsForm(DescribedFieldsMixin, HoneypotMixin):
    """The questions of one page (or of the self-check), built from the questionnaire data."""

    def __init__(self, *args, questions: Sequence[Question], answers: Mapping[str, Any] | None = None, **kwargs):
        kwargs.setdefault("initial", {})
        super().__init__(*args, **kwargs)
        self.questions = tuple(questions)
        for question in self.questions:
            self.fields[question.id] = field_for(question)
            if answers and question.id in answers:
                self.initial[question.id] = FIELD_KINDS[question.kind].initial(answers[question.id])

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            value = cleaned.get(question.id)
            if question.id in self.errors or value in (None, "", []):
                continue
            if question.kind == MULTI and NONE in value and len(value) > 1:
                self.add_error(question.id, _none_alone_message(question))
            elif check_value(question, value):  # the engine's own check: never store what it would reject
                self.add_error(question.id, INVALID_CHOICE)
        return cleaned

    def answers(self) -> dict[str, Any]:
        """The typed answers. A blank optional question is left out, as the spec asks."""
        return {
            question.id: self.cleaned_data[question.id]
            for question in self.questions
            if self.cleaned_data.get(question.id) not in (None, "", [])
        }

    def add_answer_errors(self, errors: Iterable[AnswerError]) -> None:
        """Show the engine's validation errors (by answer id) on the fields."""
        for error in errors:
            field = error.key if error.key in self.fields else None
            self.add_error(field, MISSING_MESSAGES.get(error.key, "Answer this question") if field else error.message)


MISSING_MESSAGES = {"last_use": "Select when you last used opioids"}


class SelfCheckForm(QuestionsForm):
    """The self-check's questions on one page. ``last_use`` is only asked of people who use opioids, which on a
    single page (no JavaScript) we can only know after the post: the view prunes it or asks for it then."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "last_use" in self.fields:
            self.fields["last_use"].required = False
            self.fields["last_use"].help_text = "Skip this if you haven't used opioids."


def _none_alone_message(question: Question) -> str:
    none_label = next((c.label for c in question.choices if c.value == NONE), "None of these")
    return f"Select \u2018{none_label}\u2019 on its own, or untick it: {question.label}"


# --- Contact details ----------------------------------------------------------------------------------------------

PHONE_PATTERN = re.compile(r"\+?\d{10,15}")
PHONE_SEPARATORS = re.compile(r"[\s().\-]")


def clean_phone(value: str) -> str:
    """A phone number as people type it, checked and stripped of spaces, dashes, dots and brackets."""
    compact = PHONE_SEPARATORS.sub("", value)
    if not PHONE_PATTERN.fullmatch(compact):
        raise forms.ValidationError("Enter a phone number with its area code, like 555 123 4567")
    return compact


YES_NO_CHOICES = [(YES, "Yes"), (NO, "No")]


def _yes_no(label: str, required_message: str, help_text: str = "", required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO_CHOICES,
        coerce=lambda value: value == YES,
        empty_value=None,
        required=required,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


VOICEMAIL_MESSAGE = "Select yes if it's safe for us to leave you a voicemail"
TEXT_MESSAGE = "Select yes if it's safe for us to send you a text message"


def _radios(label: str, choices, required_message: str, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect(attrs=RADIO_ATTRS),
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


def _first_name() -> forms.CharField:
    return forms.CharField(
        label="What should we call you? (optional)",
        help_text="A first name or a nickname is fine.",
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={**INPUT_ATTRS, "autocomplete": "given-name", "spellcheck": "false"}),
        error_messages={"max_length": "Enter 60 characters or fewer"},
    )


def _phone(required: bool, label: str = "Phone number") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text="Include the area code.",
        required=required,
        max_length=32,
        widget=forms.TextInput(attrs={**INPUT_ATTRS, "type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        error_messages={
            "required": "Enter a phone number so we can call you",
            "max_length": "Enter a phone number with its area code, like 555 123 4567",
        },
    )


def _consent_contact(required: bool) -> forms.BooleanField:
    return forms.BooleanField(
        label=CONSENT.contact,
        required=required,
        widget=forms.CheckboxInput(attrs=RADIO_ATTRS),
        error_messages={"required": "Tick the box to say we may contact you"},
    )


class CallbackForm(DescribedFieldsMixin, HoneypotMixin):
    """/callback/: ask for a call back without the questionnaire."""

    first_name = _first_name()
    phone = _phone(required=True)
    best_time = _radios("When is the best time to call?", BestTime.choices, "Select the best time to call you")
    voicemail_safe = _yes_no(
        "Is it safe for us to leave a voicemail?",
        VOICEMAIL_MESSAGE,
        "We'd only say our first name and ask you to call back. We never mention what the call is about.",
    )
    text_safe = _yes_no(
        "Is it safe for us to send you a text message?", TEXT_MESSAGE, "Our texts never say what they're about."
    )
    consent_contact = _consent_contact(required=True)

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])


class CrisisCallbackForm(DescribedFieldsMixin, HoneypotMixin):
    """The crisis page's minimal "call me as soon as possible" form."""

    phone = _phone(required=True, label="Your phone number")
    first_name = _first_name()
    voicemail_safe = _yes_no("If you don't answer, is it safe for us to leave a voicemail?", VOICEMAIL_MESSAGE)
    consent_contact = _consent_contact(required=True)

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])


class ContactConsentForm(DescribedFieldsMixin, HoneypotMixin):
    """The intake's last page: how to contact the person (all optional), consent, and anything else to tell us."""

    first_name = _first_name()
    phone = _phone(required=False, label="Phone number (optional)")
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={**INPUT_ATTRS, "autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter an email address like name@example.com",
            "max_length": "Enter an email address like name@example.com",
        },
    )
    preferred_method = _radios(
        "How would you like us to contact you?",
        ContactMethod.choices,
        "Select how you would like us to contact you",
        required=False,
    )
    best_time = _radios(
        "When is the best time to contact you?", BestTime.choices, "Select the best time to contact you", False
    )
    voicemail_safe = _yes_no(
        "Is it safe for us to leave a voicemail?",
        VOICEMAIL_MESSAGE,
        "Only if you gave a phone number. We'd never say what the call is about.",
        required=False,
    )
    text_safe = _yes_no(
        "Is it safe for us to send you a text message?",
        TEXT_MESSAGE,
        "Only if you gave a phone number. Our texts never say what they're about.",
        required=False,
    )
    own_words = forms.CharField(
        label="Is there anything else you want us to know? (optional)",
        help_text="For example, something about your situation, or a time you can't take calls.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={**INPUT_ATTRS, "rows": 4}),
        error_messages={"max_length": "Enter 2,000 characters or fewer"},
    )
    consent_contact = _consent_contact(required=False)
    consent_share = forms.BooleanField(
        label="I agree to share my information with the treatment provider I'm referred to, as described above.",
        required=False,
        widget=forms.CheckboxInput(attrs=RADIO_ATTRS),
    )
    signature_name = forms.CharField(
        label="Your full name, to sign the consent to share",
        help_text="Only if you ticked the box above.",
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={**INPUT_ATTRS, "autocomplete": "name", "spellcheck": "false"}),
        error_messages={"max_length": "Enter 120 characters or fewer"},
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        return clean_phone(phone) if phone else ""

    def clean(self):
        cleaned = super().clean()
        phone, email = cleaned.get("phone"), cleaned.get("email")
        gave_contact = bool(phone or email) or "phone" in self.errors or "email" in self.errors
        if gave_contact:
            method = cleaned.get("preferred_method")
            if not method and "preferred_method" not in self.errors:
                self.add_error("preferred_method", "Select how you would like us to contact you")
            elif method in (ContactMethod.PHONE, ContactMethod.TEXT) and not phone and "phone" not in self.errors:
                self.add_error("phone", "Enter a phone number, or choose email")
            elif method == ContactMethod.EMAIL and not email and "email" not in self.errors:
                self.add_error("email", "Enter an email address, or choose a phone call or text")
            if method == ContactMethod.TEXT and cleaned.get("text_safe") is False:
                self.add_error("preferred_method", "You said texts aren't safe: choose a phone call or email")
            if not cleaned.get("best_time") and "best_time" not in self.errors:
                self.add_error("best_time", "Select the best time to contact you")
            if phone:
                for name in ("voicemail_safe", "text_safe"):
                    if cleaned.get(name) is None and name not in self.errors:
                        self.add_error(name, self.fields[name].error_messages["required"])
            if not cleaned.get("consent_contact"):
                self.add_error(
                    "consent_contact",
                    "Tick the box to say we may contact you, or clear your phone number and email",
                )
        elif cleaned.get("consent_contact"):
            self.add_error("phone", "Enter a phone number or email address so we can contact you")
        signed = cleaned.get("signature_name", "").strip()
        if cleaned.get("consent_share") and not signed and "signature_name" not in self.errors:
            self.add_error("signature_name", "Type your full name to sign the consent to share")
        return cleaned

    @property
    def gave_contact(self) -> bool:
        return bool(self.cleaned_data.get("phone") or self.cleaned_data.get("email"))

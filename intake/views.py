"""Public intake pages: start, one page per questionnaire step, safety pages, check answers, contact and consent,
results, call back and the buprenorphine self-check.

Views stay thin: where to go next is ``intake.flow``, drafts are ``intake.drafts``, storing is
``intake.submission``, wording for flags is ``intake.advice``. No personal data ever goes into a URL or a log line;
pages that show answers are never cached.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from content.services import care_option_texts
from intake import drafts, submission
from intake.advice import OPTION_TITLES, WHEN_WE_CALL, advice_for
from intake.answer_summary import summarise
from intake.consent import CURRENT as CONSENT
from intake.engine.questionnaire import SAFETY_STEP_IDS, STEPS, STEPS_BY_ID
from intake.engine.recommend import is_crisis
from intake.engine.selfcheck import SELFCHECK_QUESTIONS, selfcheck
from intake.engine.validation import prune_hidden, validate_answers
from intake.flow import CHECK, CRISIS, EMERGENCY, Destination, Journey, position
from intake.forms import (
    HONEYPOT_FIELD,
    CallbackForm,
    ContactConsentForm,
    CrisisCallbackForm,
    QuestionsForm,
    SelfCheckForm,
)
from intake.models import Intake
from intake.promise import crisis_callback_promise
from intake.throttle import public_post
from intake.where_to_go import NO_PROVIDER_REASONS, paying_help_needed, providers_for
from referrals.models import Case

logger = logging.getLogger(__name__)

RESULT_SESSION_KEY = "intake_result"
CALLBACK_SESSION_KEY = "callback_case"
CRISIS_CALLBACK_SESSION_KEY = "crisis_callback_case"

EXPIRED_MESSAGE = (
    "To keep your answers private, we delete them when nobody has used them for 24 hours. "
    "We're sorry: please start again. It takes about 10 to 15 minutes."
)


def _url(destination: Destination, changing: bool = False) -> str:
    """The page for a destination. While changing an answer from "Check your answers", question pages keep
    ``?change=1`` so that each one returns there (or to the next newly revealed question)."""
    if destination.kind == EMERGENCY:
        return reverse("intake:emergency")
    if destination.kind == CRISIS:
        return reverse("intake:crisis")
    if destination.kind == CHECK:
        return reverse("intake:check")
    url = reverse("intake:step", args=[destination.step.id])
    return f"{url}?change=1" if changing else url


def _expired(request):
    drafts.forget(request)
    messages.info(request, EXPIRED_MESSAGE)
    return redirect("intake:start")


def _from_bot(request) -> bool:
    """The honeypot of a form without other fields (intake.forms.HoneypotMixin checks the others)."""
    return bool(request.POST.get(HONEYPOT_FIELD))


def _session_object(request, key, model):
    pk = request.session.get(key)
    if not pk:
        return None
    try:
        return model.objects.filter(pk=pk).first()
    except (ValueError, TypeError):  # a malformed id can only come from an old session format
        return None


# --- Start --------------------------------------------------------------------------------------------------------


@never_cache
def start(request):
    found = drafts.find(request)
    if found.expired:
        messages.info(request, EXPIRED_MESSAGE)
    journey = Journey.of(found.draft)
    return render(
        request,
        "intake/start.html",
        {
            "draft": found.draft,
            "resume_url": _url(journey.resume()) if found.draft else None,
            "first_step_url": reverse("intake:step", args=[STEPS[0].id]),
            "submitted": request.session.get(RESULT_SESSION_KEY),
        },
    )


@require_POST
@public_post
def restart(request):
    if _from_bot(request):
        return redirect("intake:start")
    drafts.discard(request)
    return redirect("intake:step", STEPS[0].id)


@require_POST
@public_post
def delete_answers(request):
    """"Delete my answers" on every question page: the unfinished questionnaire and the whole visit (session) go;
    the next page confirms it."""
    if not _from_bot(request):
        drafts.discard(request)
        request.session.flush()
    return redirect("intake:answers_deleted")


@never_cache
def answers_deleted(request):
    return render(request, "intake/answers_deleted.html")


# --- Question pages -----------------------------------------------------------------------------------------------


@never_cache
@public_post
def step(request, step_id):
    step = STEPS_BY_ID.get(step_id)
    if step is None:
        raise Http404
    changing = request.GET.get("change") == "1"
    if request.method == "POST":
        # answer_step finds (and locks) the draft itself: an answer is one transaction.
        outcome = drafts.answer_step(drafts.draft_id(request), step, request.POST)
        if outcome.status == drafts.EXPIRED:
            return _expired(request)
        if outcome.status == drafts.SAVED:
            drafts.remember(request, outcome.draft)
            return redirect(_url(outcome.journey.after(step, changing), changing))
        if outcome.status == drafts.REFUSED:
            return redirect(_url(outcome.journey.resume()))
        journey, form = outcome.journey, outcome.form
    else:
        found = drafts.find(request)
        if found.expired:
            return _expired(request)
        journey = Journey.of(found.draft)
        if not journey.can_open(step):
            return redirect(_url(journey.resume()))
        form = QuestionsForm(questions=journey.questions_for(step), answers=journey.answers)

    previous = journey.previous(step)
    if changing:
        back_url = reverse("intake:check")
    elif previous is not None:
        back_url = reverse("intake:step", args=[previous.id])
    else:
        back_url = reverse("intake:start")
    part, parts, section = position(step)
    return render(
        request,
        "intake/step.html",
        {
            "step": step,
            "form": form,
            "fields": list(form),
            "single": len(form.questions) == 1,
            "back_url": back_url,
            "part": part,
            "parts": parts,
            "section": section,
            "changing": changing,
        },
    )


# --- Safety pages -------------------------------------------------------------------------------------------------


@never_cache
def emergency(request):
    # No identifier at all: only that the page was shown, for the clinic's safety audit.
    logger.info("emergency page shown")
    return render(request, "intake/emergency.html", {"change_url": reverse("intake:step", args=[STEPS[0].id])})


@never_cache
@public_post
def crisis(request):
    found = drafts.find(request)
    if found.expired:
        return _expired(request)
    draft = found.draft
    if draft is None or not is_crisis(draft.answers):
        return redirect(_url(Journey.of(draft).resume()))
    if request.method == "POST":
        form = CrisisCallbackForm(request.POST)
        if form.is_valid():
            if not form.is_bot():
                try:
                    case = submission.request_crisis_callback(draft.pk, submission.contact_details(form.cleaned_data))
                except submission.DraftGone:
                    return _expired(request)
                except submission.NotReady:
                    return redirect(_url(Journey.of(draft).resume()))
                if case is not None:
                    request.session[CRISIS_CALLBACK_SESSION_KEY] = case.pk
            return redirect("intake:crisis_requested")
    else:
        form = CrisisCallbackForm()
        drafts.mark_crisis_shown(draft)
        logger.info("crisis page shown")
    return render(
        request,
        "intake/crisis.html",
        {"form": form, "back_url": _crisis_back_url(draft), "promise": crisis_callback_promise()},
    )


def _crisis_back_url(draft) -> str:
    """Back from the crisis page: the last safety page answered."""
    journey = Journey.of(draft)
    answered = [page for page in journey.steps if page.id in SAFETY_STEP_IDS and journey.is_done(page)]
    return reverse("intake:step", args=[answered[-1].id]) if answered else reverse("intake:start")


@never_cache
def crisis_requested(request):
    found = drafts.find(request)
    case = _session_object(request, CRISIS_CALLBACK_SESSION_KEY, Case)
    return render(
        request,
        "intake/crisis_requested.html",
        {"draft": found.draft, "case": case, "promise": crisis_callback_promise()},
    )


@require_POST
@public_post
def crisis_continue(request):
    if _from_bot(request):
        return redirect("intake:start")
    found = drafts.find(request)
    if found.expired:
        return _expired(request)
    if found.draft is None:
        return redirect("intake:start")
    draft = drafts.acknowledge_crisis(found.draft.pk)
    if draft is None:
        return _expired(request)
    return redirect(_url(Journey.of(draft).resume()))


# --- Check answers, contact and consent, results ------------------------------------------------------------------


@never_cache
def check(request):
    found = drafts.find(request)
    if found.expired:
        return _expired(request)
    journey = Journey.of(found.draft)
    if found.draft is None or not journey.is_complete:
        return redirect(_url(journey.resume()))
    back_url = reverse("intake:step", args=[journey.steps[-1].id])
    return render(request, "intake/check.html", {"parts": summarise(journey), "back_url": back_url})


@never_cache
@public_post
def contact(request):
    draft_id = drafts.draft_id(request)
    if draft_id is None:
        if request.session.get(RESULT_SESSION_KEY):  # a replayed submit
            return redirect("intake:results")
        return redirect("intake:start")

    if request.method == "POST":
        form = ContactConsentForm(request.POST)
        if form.is_bot():
            return redirect("intake:start")
        if form.is_valid():
            data = form.cleaned_data
            share = bool(data["consent_share"])
            contact_details = submission.contact_details(data, share=share) if form.gave_contact else None
            try:
                intake = submission.submit_intake(
                    draft_id, contact_details, share_signed_name=data["signature_name"] if share else ""
                )
            except submission.DraftGone:
                return _expired(request)
            except submission.NotReady:
                return redirect(_url(Journey.of(drafts.find(request).draft).resume()))
            drafts.forget(request)
            request.session[RESULT_SESSION_KEY] = str(intake.pk)
            return redirect("intake:results")
    else:
        found = drafts.find(request)
        if found.expired:
            return _expired(request)
        journey = Journey.of(found.draft)
        if not journey.is_complete:
            return redirect(_url(journey.resume()))
        form = ContactConsentForm()
    return render(request, "intake/contact.html", {"form": form, "consent": CONSENT})


@never_cache
def results(request):
    intake = _session_object(request, RESULT_SESSION_KEY, Intake)
    if intake is None:
        return redirect("intake:start")
    result = intake.result
    texts = care_option_texts([option["id"] for option in result["care_options"] + result["not_now"]])
    case = Case.objects.filter(intake=intake).first()
    where_to_go = providers_for(intake)
    return render(
        request,
        "intake/results.html",
        {
            "intake": intake,
            "result": result,
            "options": [_option(option, texts.get(option["id"])) for option in result["care_options"]],
            "not_now": [_option(option, texts.get(option["id"])) for option in result["not_now"]],
            "advice": advice_for(result["flags"]),
            "case": case,
            "when": WHEN_WE_CALL.get(result["urgency"], ""),
            "crisis": bool({"suicide_risk_high", "suicide_risk_moderate"} & set(result["flags"])),
            "where_to_go": where_to_go,
            "no_provider_reason": NO_PROVIDER_REASONS.get(where_to_go.status, ""),
            "paying_help": paying_help_needed(intake),
        },
    )


def _option(option: dict, text) -> dict:
    learn_more = getattr(text, "learn_more_page", None) if text is not None else None
    try:
        learn_more_url = learn_more.get_absolute_url() if learn_more is not None else ""
    except NoReverseMatch:
        learn_more_url = ""
    return {
        "id": option["id"],
        "reasons": option["reasons"],
        "title": text.title if text is not None else OPTION_TITLES.get(option["id"], option["id"]),
        "text": text,
        "questions": list(text.questions.all()) if text is not None else [],
        "learn_more_url": learn_more_url,
    }


# --- Call back without the questionnaire --------------------------------------------------------------------------


@never_cache
@public_post
def callback(request):
    if request.method == "POST":
        form = CallbackForm(request.POST)
        if form.is_valid():
            if not form.is_bot():
                case = submission.request_callback(submission.contact_details(form.cleaned_data))
                request.session[CALLBACK_SESSION_KEY] = case.pk
            return redirect("intake:callback_done")
    else:
        form = CallbackForm()
    return render(request, "intake/callback.html", {"form": form})


@never_cache
def callback_done(request):
    case = _session_object(request, CALLBACK_SESSION_KEY, Case)
    return render(request, "intake/callback_done.html", {"case": case})


# --- Other public pages -------------------------------------------------------------------------------------------


@never_cache
def help_now(request):
    return render(request, "intake/help_now.html")


@never_cache
@public_post
def self_check(request):
    result = None
    if request.method == "POST":
        form = SelfCheckForm(request.POST, questions=SELFCHECK_QUESTIONS)
        if form.is_valid() and not form.is_bot():
            answers = prune_hidden(form.answers(), SELFCHECK_QUESTIONS)
            errors = validate_answers(answers, SELFCHECK_QUESTIONS)
            if errors:
                form.add_answer_errors(errors)
            else:
                result = selfcheck(answers)
    else:
        form = SelfCheckForm(questions=SELFCHECK_QUESTIONS)
    return render(
        request,
        "intake/selfcheck.html",
        {"form": form, "fields": list(form), "result": result},
    )

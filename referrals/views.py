"""Staff screens under ``/staff/``. Thin: forms validate, ``referrals.actions`` acts, ``referrals.queue`` and
``referrals.metrics`` select. Every URL needs a login and a permission (the role matrix is in
tests/referrals/test_roles.py); every case page view and every change is written to the audit log.

No personal data in URLs: cases are addressed by their reference, and the phone search is a POST whose term is
kept in the session (see ``SearchForm``).
"""

import csv
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from directory import hsds, matching
from messaging import services as messaging
from messaging.models import Message
from messaging.rendering import case_path
from referrals import access, actions, answers, audit, consent, forms, metrics, queue, workflow
from referrals.charts import bar_chart
from referrals.models import AuditEvent, Case, Status

SEARCH_SESSION_KEY = "queue_search"


def staff_permission(perm):
    """Login first (anonymous → sign-in page), then the permission (signed in without it → 403)."""

    def decorator(view):
        return login_required(permission_required(perm, raise_exception=True)(view))

    return decorator


view_cases = staff_permission("referrals.view_case")
work_cases = staff_permission("referrals.change_case")


def _no_store(view):
    """Pages with personal data are not kept in shared browser caches or history snapshots."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


# --- Queue --------------------------------------------------------------------------------------------------------


@view_cases
@_no_store
@require_http_methods(["GET", "POST"])
def queue_view(request):
    if request.method == "POST":
        return _search(request)
    now = timezone.now()
    filter_form = forms.QueueFilterForm(request.GET or None)
    filters = queue.Filters.from_form(filter_form)
    search = request.session.get(SEARCH_SESSION_KEY)
    page = queue.page(queue.cases(request.user, filters, now, search),
                      after=request.GET.get("after", ""), before=request.GET.get("before", ""))
    follow_ups, more_follow_ups = queue.due_follow_ups(now)
    query = request.GET.copy()
    for cursor in ("after", "before"):
        query.pop(cursor, None)
    return render(
        request,
        "staff/queue.html",
        {
            "page": page,
            "page_size": queue.PAGE_SIZE,
            "count_cap": queue.COUNT_CAP,
            "now": now,
            "filter_form": filter_form if filter_form.is_bound else forms.QueueFilterForm(initial=filters.__dict__),
            "filters": filters,
            "filter_query": query.urlencode(),
            "search": search,
            "search_form": forms.SearchForm(),
            "counts": queue.counts(now),
            "follow_ups": follow_ups,
            "more_follow_ups": more_follow_ups,
        },
    )


@require_POST
@work_cases
def take_next(request):
    case = actions.take_next(request.user)
    if case is None:
        messages.info(request, "No case is waiting for someone to take it.")
        return redirect("staff:queue")
    messages.success(request, f"Case {case.reference} is yours.")
    return redirect("staff:case", reference=case.reference)


def _search(request):
    if "clear" in request.POST:
        request.session.pop(SEARCH_SESSION_KEY, None)
        return redirect("staff:queue")
    form = forms.SearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["q"][0])
        return redirect("staff:queue")
    search = form.cleaned_data["q"]
    audit.record(request.user, audit.Action.QUEUE_SEARCHED, detail=f"by {search['kind']}")
    if search["kind"] == "reference" and Case.objects.filter(reference=search["value"]).exists():
        request.session.pop(SEARCH_SESSION_KEY, None)
        return redirect("staff:case", reference=search["value"])
    request.session[SEARCH_SESSION_KEY] = search
    return redirect("staff:queue")


# --- Case page ----------------------------------------------------------------------------------------------------


def _case_or_404(reference, user):
    """The case, if ``user`` may read it (``referrals.access``: closed cases only for who had them and
    supervisors)."""
    case = get_object_or_404(
        Case.objects.select_related("intake", "assigned_to").filter(anonymised_at__isnull=True), reference=reference
    )
    if not access.can_read(case, user):
        raise PermissionDenied
    return case


def _case_forms(case, user, bound=None):
    """Every action form for the case page; ``bound`` replaces one of them with the submitted, invalid one."""
    version = {"version": case.version}
    context = {
        "claim_form": forms.ClaimForm(initial=version),
        "take_over_form": forms.TakeOverForm(initial=version),
        "unassign_form": forms.UnassignForm(initial=version),
        "assign_form": forms.AssignForm(initial=version) if user.has_perm("referrals.reassign_case") else None,
        "contact_form": forms.ContactForm(case=case),
        "note_form": forms.NoteForm(),
        "status_form": forms.StatusForm(case=case, initial=version),
        "follow_up_form": forms.FollowUpForm(initial=forms.FollowUpForm.default_initial()),
    }
    if bound is not None:
        name, form = bound
        context[name] = form
        context["form"] = form  # drives the "Error:" title prefix and the error summary in the layout
    return context


def _render_case(request, case, bound=None, status=200):
    case.refresh_from_db()
    events = case.events.select_related("actor").order_by("-created_at", "-pk")
    intake = case.intake
    result = intake.result if intake else None
    context = {
        "case": case,
        "now": timezone.now(),
        "events": events,
        "referrals": case.referrals.select_related("referred_by"),
        "follow_ups": case.follow_ups.order_by("status", "due_at"),
        "result": result,
        "answers": intake.answers if intake else None,
        "questionnaire_answers": answers.for_case(case),
        "can_reassign": request.user.has_perm("referrals.reassign_case"),
        "can_refer": case.status in (Status.REACHED, Status.REFERRED),
        "unreachable_after": workflow.unreachable_after(),
        **_case_forms(case, request.user, bound),
    }
    return render(request, "staff/case_detail.html", context, status=status)


@view_cases
@_no_store
def case_detail(request, reference):
    case = _case_or_404(reference, request.user)
    shows_answers = case.intake_id is not None or case.stopped_at_page is not None
    audit.record(request.user, audit.Action.CASE_VIEWED, case.reference, "with answers" if shows_answers else "")
    return _render_case(request, case)


def _act(request, reference, form_name, form, do, success):
    """Validate ``form``, run ``do(cleaned_data)``; redirect back to the case page (PRG) or re-render it with the
    form's errors: 400 for invalid input or a refused action, 409 when the case changed meanwhile."""
    case = _case_or_404(reference, request.user)
    if form.is_valid():
        try:
            do(form.cleaned_data)
        except actions.StaleCase as stale:
            form.add_error(None, str(stale))
            return _render_case(request, case, (form_name, form), status=409)
        except actions.ActionRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, success)
            return redirect("staff:case", reference=reference)
    return _render_case(request, case, (form_name, form), status=400)


@require_POST
@work_cases
def claim(request, reference):
    form = forms.ClaimForm(request.POST)
    return _act(request, reference, "claim_form", form,
                lambda data: actions.claim(reference, request.user, version=data["version"]),
                "The case is yours.")


@require_POST
@work_cases
def take_over(request, reference):
    form = forms.TakeOverForm(request.POST)
    return _act(request, reference, "take_over_form", form,
                lambda data: actions.take_over(reference, request.user, data["reason"], version=data["version"]),
                "The case is yours now; the timeline says why.")


@require_POST
@work_cases
def unassign(request, reference):
    form = forms.UnassignForm(request.POST)
    return _act(request, reference, "unassign_form", form,
                lambda data: actions.unassign(reference, request.user, version=data["version"]),
                "The case is back in the shared queue.")


@require_POST
@staff_permission("referrals.reassign_case")
def assign(request, reference):
    form = forms.AssignForm(request.POST)
    return _act(request, reference, "assign_form", form,
                lambda data: actions.assign(reference, request.user, data["assignee"], version=data["version"]),
                "Case assigned.")


@require_POST
@work_cases
def contact(request, reference):
    form = forms.ContactForm(request.POST, case=_case_or_404(reference, request.user))
    return _act(request, reference, "contact_form", form,
                lambda data: actions.log_contact(reference, request.user, data["outcome"], note=data["note"]),
                "Contact attempt logged.")


@require_POST
@work_cases
def note(request, reference):
    form = forms.NoteForm(request.POST)
    return _act(request, reference, "note_form", form,
                lambda data: actions.add_note(reference, request.user, data["text"]),
                "Note added.")


@require_POST
@work_cases
def change_status(request, reference):
    form = forms.StatusForm(request.POST, case=_case_or_404(reference, request.user))
    return _act(request, reference, "status_form", form,
                lambda data: actions.change_status(reference, request.user, data["target"],
                                                   version=data["version"], note=data["note"]),
                "Status changed.")


@require_POST
@work_cases
def schedule_follow_up(request, reference):
    form = forms.FollowUpForm(request.POST)
    return _act(request, reference, "follow_up_form", form,
                lambda data: actions.schedule_follow_up(reference, request.user, due_at=data["due_at"],
                                                        reason=data["reason"]),
                "Follow-up scheduled.")


@require_POST
@work_cases
def complete_follow_up(request, reference):
    form = forms.CompleteFollowUpForm(request.POST)
    return _act(request, reference, "done_form", form,
                lambda data: actions.complete_follow_up(reference, request.user, data["follow_up"],
                                                        note=data["note"]),
                "Follow-up marked done.")


# --- Referral -----------------------------------------------------------------------------------------------------


@work_cases
@_no_store
@require_http_methods(["GET", "POST"])
def refer(request, reference):
    """Matching providers for the case and the referral itself: one form with two buttons, "Update matches"
    (re-runs the match with the counsellor's criteria) and "Refer". Both are POSTs so criteria such as the ZIP code
    never reach a URL."""
    case = _case_or_404(reference, request.user)
    criteria_form = forms.MatchCriteriaForm(request.POST or None, initial=_criteria_initial(case))
    refer_form = forms.ReferForm(initial={"version": case.version})
    status = 200
    if request.method == "POST" and request.POST.get("action") == "refer":
        refer_form = forms.ReferForm(request.POST)
        if refer_form.is_valid():
            data = refer_form.cleaned_data
            try:
                result = actions.refer(reference, request.user, data["service_at_location"],
                                       share_intake=data["share_intake"], version=data["version"])
            except actions.StaleCase as stale:
                refer_form.add_error(None, str(stale))
                status = 409
            except actions.ActionRefused as refusal:
                refer_form.add_error(None, str(refusal))
                status = 400
            else:
                messages.success(
                    request,
                    f"Referred to {result.referral.provider_name}. "
                    f"{len(result.check_ins)} check-ins scheduled.",
                )
                return redirect("staff:case", reference=reference)
        else:
            status = 400
    else:
        audit.record(request.user, audit.Action.REFERRAL_OPTIONS_VIEWED, case.reference)
    criteria = _criteria(criteria_form, case)
    case.refresh_from_db()
    return render(
        request,
        "staff/refer.html",
        {
            "case": case,
            "criteria_form": criteria_form,
            "criteria": criteria,
            "refer_form": refer_form,
            "form": refer_form if refer_form.is_bound else criteria_form,
            "matches": matching.find(criteria),
            "can_refer": case.status in (Status.REACHED, Status.REFERRED),
            "not_shareable": consent.why_not_shareable(case),
        },
        status=status,
    )


def _criteria_initial(case):
    criteria = matching.Criteria.from_intake(case.intake)
    return {
        "care_options": list(criteria.care_options),
        "insurance": criteria.insurance,
        "age": criteria.age,
        "postcode": criteria.postcode,
    }


def _criteria(form, case) -> matching.Criteria:
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return matching.Criteria(
            care_options=tuple(data["care_options"]),
            insurance=data["insurance"],
            age=data["age"],
            postcode=data["postcode"],
        )
    return matching.Criteria.from_intake(case.intake)


# --- Directory export ---------------------------------------------------------------------------------------------


@staff_permission("directory.view_service")
def directory_hsds(request):
    response = JsonResponse(hsds.export(), json_dumps_params={"indent": 1})
    response["Content-Disposition"] = 'inline; filename="directory.hsds.json"'
    return response


# --- Supervisor: metrics and audit log ----------------------------------------------------------------------------


@staff_permission("referrals.view_metrics")
def supervisor(request):
    now = timezone.now()
    figures = metrics.snapshot(now)
    by_urgency, workload = figures.by_urgency, figures.workload
    range_form = forms.MetricsRangeForm(request.GET or None)
    start, end = range_form.range(timezone.localdate(now))
    reach_totals, reach_weekly = metrics.reach(start, end, now)
    return render(
        request,
        "staff/supervisor.html",
        {
            "now": now,
            "range_form": range_form,
            "form": range_form,  # the layout's error summary
            "start": start,
            "end": end,
            "reach_totals": reach_totals,
            "reach_weekly": reach_weekly,
            "reach_charts": metrics.reach_charts(reach_weekly, start, end),
            "as_of": figures.as_of,
            "by_urgency": by_urgency,
            "overdue": figures.overdue,
            "windows": figures.windows,
            "workload": workload,
            "urgency_chart": bar_chart(
                "chart-urgency", "Open cases by urgency", [(label, count) for _, label, count in by_urgency]
            ),
            "messages_in_doubt": list(messaging.in_doubt()),
            "workload_chart": bar_chart(
                "chart-workload",
                "Open cases per counselor",
                [(user.get_full_name() or user.get_username(), user.open_cases) for user in workload],
            ),
        },
    )


@staff_permission("referrals.view_metrics")
def metrics_csv(request):
    """Cases opened in the chosen range (``date_from``/``date_to``), or in the last ``days`` days."""
    now = timezone.now()
    today = timezone.localdate(now)
    if "days" in request.GET:
        try:
            days = min(max(int(request.GET["days"]), 1), 366)
        except ValueError:
            days = 90
        start, end = today - timedelta(days=days - 1), today
    else:
        start, end = forms.MetricsRangeForm(request.GET or None).range(today)
    audit.record(request.user, audit.Action.METRICS_EXPORTED, detail=f"{start} to {end}")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="case-metrics-{start}-to-{end}.csv"'
    writer = csv.writer(response)
    writer.writerow(metrics.CSV_COLUMNS)
    writer.writerows(metrics.csv_rows(start, end))
    return response


@staff_permission("referrals.view_auditevent")
def audit_log(request):
    form = forms.AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.all()
    if form.is_valid():
        data = form.cleaned_data
        if data["actor"]:
            events = events.filter(actor_username__iexact=data["actor"].strip())
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["case_reference"]:
            events = events.filter(case_reference=data["case_reference"])
        if data["date_from"]:
            events = events.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            events = events.filter(at__date__lte=data["date_to"])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "staff/audit.html",
        {
            "filter_form": form,
            "page": Paginator(events, 50).get_page(request.GET.get("page")),
            "filter_query": query.urlencode(),
        },
    )


# --- Messages about a case ----------------------------------------------------------------------------------------


@require_POST
@work_cases
def retry_message(request, pk: int):
    """Queue a failed message about a case again, then go back to the case page."""
    message = get_object_or_404(Message.objects.select_related("case"), pk=pk, case__isnull=False)
    if messaging.retry(message, by=request.user):
        audit.record(request.user, audit.Action.MESSAGE_RETRIED, message.case.reference, f"message {message.pk}")
        messages.success(request, f"{message.get_kind_display()} queued again.")
    else:
        messages.info(request, f"{message.get_kind_display()} is {message.get_status_display().lower()}, not failed.")
    return redirect(case_path(message.case))

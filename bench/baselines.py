"""Bare baseline views: each selects the rows its app page shows, through the same indexes and behind the same
middleware (sessions, authentication, CSRF, security headers), and writes them out as plain HTML or JSON without
templates, forms or extra queries. A page's cost beside its baseline's is the cost of everything the page adds."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.html import escape

from directory.models import Service
from referrals.models import OPEN_STATUSES, Case
from referrals.queue import PAGE_SIZE


def _html(rows) -> HttpResponse:
    cells = "".join("<tr>" + "".join(f"<td>{escape(value)}</td>" for value in row) + "</tr>" for row in rows)
    return HttpResponse(f"<!doctype html><title>bench</title><table>{cells}</table>")


@login_required
def queue(request):
    """The queue's first page: open cases, most urgent first, then by due time."""
    rows = (
        Case.objects.filter(status__in=OPEN_STATUSES, anonymised_at__isnull=True)
        .order_by("urgency_rank", "due_at", "created_at", "pk")
        .values_list("reference", "urgency", "due_at", "status")[:PAGE_SIZE]
    )
    return _html(rows)


@login_required
def case(request, reference):
    case = get_object_or_404(Case, reference=reference)
    return _html([(case.reference, case.status), *case.events.values_list("created_at", "summary")])


@login_required
def supervisor(request):
    """The staff the supervisor view lists, without their workload."""
    return _html(get_user_model().objects.filter(is_active=True, groups__isnull=False).values_list("username"))


@login_required
def hsds(request):
    return JsonResponse({"services": [{"id": str(pk), "name": name} for pk, name in Service.objects.values_list(
        "pk", "name")]})


def public_page(request):
    return HttpResponse("<!doctype html><title>bench</title><p>A public page without the database.</p>")


urlpatterns = [
    path("queue/", queue),
    path("cases/<str:reference>/", case),
    path("supervisor/", supervisor),
    path("hsds/", hsds),
    path("page/", public_page),
]

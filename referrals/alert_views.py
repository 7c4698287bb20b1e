"""Acknowledging an urgent-case alert that reached nobody (the red banner, ``referrals/templatetags/alerts.py``)."""

from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from messaging import alerts
from referrals.views import work_cases


@require_POST
@work_cases
def acknowledge_alert(request, pk: int):
    alerts.acknowledge(pk, request.user)
    return redirect("staff:queue")

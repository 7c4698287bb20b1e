from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from messaging import services
from messaging.models import Message
from messaging.rendering import case_path
from referrals import audit


@require_POST
@login_required
@permission_required("referrals.change_case", raise_exception=True)
def retry(request, pk: int):
    """Queue a failed message about a case again, then go back to the case page."""
    message = get_object_or_404(Message.objects.select_related("case"), pk=pk, case__isnull=False)
    if services.retry(message, by=request.user):
        audit.record(request.user, audit.Action.MESSAGE_RETRIED, message.case.reference, f"message {message.pk}")
        flash.success(request, f"{message.get_kind_display()} queued again.")
    else:
        flash.info(request, f"{message.get_kind_display()} is {message.get_status_display().lower()}, not failed.")
    return redirect(case_path(message.case))

"""The person's rights on the case page (``referrals.person_rights``, ``referrals.consent``): supervisors export or
erase everything held about the person; whoever may act on the case records a revoked consent to share."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from referrals import consent, person_rights
from referrals.views import _case_or_404, staff_permission, work_cases

supervisors = staff_permission("referrals.view_auditevent")


@supervisors
def export(request, reference):
    case = _case_or_404(reference, request.user)
    response = JsonResponse(person_rights.export(case, request.user), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="person-{case.reference}.json"'
    return response


@supervisors
@require_http_methods(["GET", "POST"])
def erase(request, reference):
    """A confirmation page: the supervisor types the case reference to erase."""
    case = _case_or_404(reference, request.user)
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm", "").strip().upper() == case.reference:
            person_rights.erase(case, request.user)
            messages.success(request, f"Everything held about the person of case {case.reference} was erased.")
            return redirect("staff:queue")
        error = "Type the case reference exactly to confirm."
    return render(request, "staff/erase.html", {"case": case, "error": error}, status=400 if error else 200)


@require_POST
@work_cases
def revoke_consent(request, reference):
    case = _case_or_404(reference, request.user)
    consent.revoke(case.reference, request.user)
    messages.success(request, "Recorded: the person revoked their consent to share. Referrals won't share their "
                              "intake.")
    return redirect("staff:case", reference=case.reference)

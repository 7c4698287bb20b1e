from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render


@login_required
@permission_required("referrals.view_case", raise_exception=True)
def queue(request):
    return render(request, "staff/queue.html")

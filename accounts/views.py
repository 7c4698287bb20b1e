"""Staff sign-in: one page for the staff area and the CMS (axes lockout, idle sign-out), then the second factor
(``accounts.two_factor``): enrolment on first sign-in, verification on every later one."""

import django_otp
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts import two_factor
from accounts.forms import CodeForm
from accounts.sign_in import StaffAuthenticationForm


def landing_url(user) -> str:
    """Where a member of staff lands after signing in without a ``next`` address: where they work, never on a page
    they may not open. Supervisors on their dashboard, counselors on the queue, content editors and medical
    reviewers on the CMS dashboard."""
    if user.has_perm("referrals.view_metrics"):
        return reverse("staff:supervisor")
    if not user.has_perm("referrals.view_case") and user.has_perm("wagtailadmin.access_admin"):
        return reverse("wagtailadmin_home")
    return reverse("staff:queue")


class StaffLoginView(auth_views.LoginView):
    template_name = "staff/login.html"
    authentication_form = StaffAuthenticationForm

    def get_default_redirect_url(self):
        return landing_url(self.request.user)


def _next_url(request) -> str:
    wanted = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return landing_url(request.user)


@login_required
def enrol(request):
    """First sign-in: add an authenticator app, confirm it with a code, and see the recovery codes once."""
    if two_factor.is_enrolled(request.user) and not request.user.is_verified():
        return redirect(f"{reverse('staff:two-factor')}?{request.GET.urlencode()}")
    device = two_factor.pending_app_device(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = two_factor.confirm_app(device, form.cleaned_data["code"])
        if codes is not None:
            django_otp.login(request, device)
            return render(request, "staff/two_factor_codes.html", {"codes": codes, "next": _next_url(request)})
        form.add_error("code", _("That code didn't match. Enter the 6-digit code your app shows now."))
    return render(
        request,
        "staff/two_factor_enrol.html",
        {"form": form, "secret": two_factor.secret_for_people(device), "otpauth_uri": device.config_url},
    )


@login_required
def verify(request):
    """Every sign-in after the first: a code from the app, or one recovery code."""
    if not two_factor.is_enrolled(request.user):
        return redirect(f"{reverse('staff:two-factor-enrol')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = two_factor.device_matching(request.user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", _("That code didn't work. Enter the code your app shows now, or a recovery code."))
    return render(request, "staff/two_factor_verify.html", {"form": form})

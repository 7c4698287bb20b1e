"""Staff password reset by e-mail (Django's views), at /staff/password-reset/.

It reveals nothing about which accounts exist: every request, for a known address or not, gets the same page, and
an e-mail goes only to an active account with that address. Requests are rate-limited per client address and per
address typed (hashed in the cache), so nobody can flood a colleague's inbox or probe at speed; the limit answers
with its own page, the same for known and unknown addresses. The link is built from ``SITE_URL`` (never the
request's Host header), works once and expires after ``PASSWORD_RESET_TIMEOUT``; the new password meets the same
validators as any other.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import path, reverse_lazy
from django_ratelimit.core import is_ratelimited

from config.client_ip import client_ip

PER_CLIENT_RATE = "10/h"
PER_EMAIL_RATE = "3/h"


def _client(group, request) -> str:
    return client_ip(request)


def _email_typed(group, request) -> str:
    return request.POST.get("email", "").strip().lower()


def too_many_requests(request) -> bool:
    """Count this request against the client and the address typed; True if either is over its limit."""
    by_client = is_ratelimited(
        request, group="password-reset-client", key=_client, rate=PER_CLIENT_RATE, method="POST", increment=True
    )
    by_email = is_ratelimited(
        request, group="password-reset-email", key=_email_typed, rate=PER_EMAIL_RATE, method="POST", increment=True
    )
    return by_client or by_email


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "staff/password_reset_form.html"
    subject_template_name = "staff/password_reset_subject.txt"
    email_template_name = "staff/password_reset_email.txt"
    success_url = reverse_lazy("staff:password_reset_done")

    def post(self, request, *args, **kwargs):
        if too_many_requests(request):
            return render(request, "staff/password_reset_limited.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)


urlpatterns = [
    path("password-reset/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="staff/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="staff/password_reset_confirm.html",
            success_url=reverse_lazy("staff:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="staff/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]

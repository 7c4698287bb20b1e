"""Staff sign-in: one page for the staff area and the CMS (axes lockout, idle sign-out)."""

from django.contrib.auth import views as auth_views
from django.urls import reverse

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

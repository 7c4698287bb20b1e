"""Demo data for the embedded development set-up. Never loaded in production mode."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from referrals.roles import CONTENT_EDITORS, COUNSELLORS, SUPERVISORS


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str


DEMO_LOGINS = (
    DemoLogin("counsellor", "demo-counsellor-pass", COUNSELLORS),
    DemoLogin("supervisor", "demo-supervisor-pass", SUPERVISORS),
    DemoLogin("editor", "demo-editor-pass", CONTENT_EDITORS),
    DemoLogin("admin", "demo-admin-pass", "Administrator (superuser)"),
)


def create_staff() -> tuple[DemoLogin, ...]:
    """One login per role, with known passwords (reset on every run so the printed ones always work)."""
    User = get_user_model()
    for login in DEMO_LOGINS:
        user, _ = User.objects.get_or_create(username=login.username)
        user.first_name = login.username.title()
        user.set_password(login.password)
        user.is_superuser = user.is_staff = login.username == "admin"
        # Supervisors edit the provider directory and editors the content, both in the admin.
        if login.role in (SUPERVISORS, CONTENT_EDITORS):
            user.is_staff = True
        user.save()
        if login.role in (COUNSELLORS, SUPERVISORS, CONTENT_EDITORS):
            user.groups.set([Group.objects.get(name=login.role)])
    return DEMO_LOGINS

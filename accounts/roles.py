"""Staff roles: Django groups and the permissions each one holds.

The groups themselves are created by a migration; their permissions are synced from ``ROLE_PERMISSIONS`` after
every ``migrate``, so a permission added here (or for a new model) reaches existing installations without a
hand-written data migration. A content editor never gets a permission on patient data.
"""

from django.db.models.signals import post_migrate

COUNSELLORS = "Counselors"
SUPERVISORS = "Supervisors"
CONTENT_EDITORS = "Content editors"
MEDICAL_REVIEWERS = "Medical reviewers"
ROLES = (COUNSELLORS, SUPERVISORS, CONTENT_EDITORS, MEDICAL_REVIEWERS)

_CASE_WORK = [
    "referrals.view_case",
    "referrals.change_case",
    "referrals.view_caseevent",
    "referrals.add_caseevent",
    "referrals.view_followup",
    "referrals.add_followup",
    "referrals.change_followup",
    "referrals.view_referral",
    "referrals.add_referral",
]

_DIRECTORY_MODELS = ("organization", "service", "location", "serviceatlocation", "phone", "schedule")
# Counsellors read the directory (matching, the HSDS export); supervisors edit it in the admin.
_DIRECTORY_READ = [f"directory.view_{model}" for model in (*_DIRECTORY_MODELS, "language", "taxonomyterm")]
_DIRECTORY_EDIT = [f"directory.{verb}_{model}" for model in _DIRECTORY_MODELS for verb in ("add", "change", "delete")]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    COUNSELLORS: [*_CASE_WORK, *_DIRECTORY_READ],
    SUPERVISORS: [
        *_CASE_WORK,
        *_DIRECTORY_READ,
        *_DIRECTORY_EDIT,
        "referrals.reassign_case",
        "referrals.view_metrics",
        "referrals.view_auditevent",
    ],
    # The public content, edited in the CMS (/cms/) and the admin; never a case, an intake or the directory.
    # Page permissions (add and change treatment pages, never publish) are Wagtail's, set by content migration 0007.
    CONTENT_EDITORS: [
        "wagtailadmin.access_admin",
        "content.view_pagegroup", "content.add_pagegroup", "content.change_pagegroup",
        "content.view_careoptiontext", "content.change_careoptiontext",
        "content.view_careoptionquestion", "content.add_careoptionquestion",
        "content.change_careoptionquestion", "content.delete_careoptionquestion",
        "content.view_clinicsettings", "content.change_clinicsettings",
        "content.view_helpline", "content.add_helpline", "content.change_helpline", "content.delete_helpline",
        "content.view_helpnowtext", "content.change_helpnowtext",
    ],  # fmt: skip
    # Approve (or send back) changes to the treatment pages in the CMS: the medical review workflow's task.
    MEDICAL_REVIEWERS: [
        "wagtailadmin.access_admin", "content.view_pagegroup",
        "content.view_careoptiontext", "content.change_careoptiontext",
        "content.view_helpnowtext", "content.change_helpnowtext",
    ],  # fmt: skip
}


def sync_role_permissions():
    from django.contrib.auth.models import Group, Permission

    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for name in names:
            app_label, codename = name.split(".")
            wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def _sync_after_the_last_app(sender, **kwargs):
    # post_migrate is sent once per app with models, in INSTALLED_APPS order; permissions are created by the same
    # signal, so every one of them exists once the last app's has been sent.
    from django.apps import apps

    if sender is [config for config in apps.get_app_configs() if config.models_module is not None][-1]:
        sync_role_permissions()


def connect_signals():
    post_migrate.connect(_sync_after_the_last_app, dispatch_uid="accounts.sync_role_permissions")

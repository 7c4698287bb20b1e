"""Staff roles: Django groups and the permissions each one holds.

The groups themselves are created by a migration; their permissions are synced from ``ROLE_PERMISSIONS`` after
every ``migrate``, so a permission added here (or for a new model) reaches existing installations without a
hand-written data migration. A content editor never gets a permission on patient data.
"""

from django.db.models.signals import post_migrate

COUNSELLORS = "Counsellors"
SUPERVISORS = "Supervisors"
CONTENT_EDITORS = "Content editors"
ROLES = (COUNSELLORS, SUPERVISORS, CONTENT_EDITORS)

_CASE_WORK = [
    "referrals.view_case",
    "referrals.change_case",
    "referrals.view_caseevent",
    "referrals.add_caseevent",
    "referrals.view_followup",
    "referrals.add_followup",
    "referrals.change_followup",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    COUNSELLORS: [*_CASE_WORK],
    SUPERVISORS: [*_CASE_WORK, "referrals.reassign_case", "referrals.view_metrics"],
    CONTENT_EDITORS: [],
}


def sync_role_permissions(**kwargs):
    from django.contrib.auth.models import Group, Permission

    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for name in names:
            app_label, codename = name.split(".")
            wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def connect_signals(app_config):
    # Sent per app; referrals is the last project app, so every permission exists by the time it runs.
    post_migrate.connect(
        sync_role_permissions, sender=app_config, dispatch_uid="referrals.sync_role_permissions"
    )

"""Admin: the audit log is read-only for everyone.

Cases are worked in the staff screens (with the workflow, locking and audit), never edited in the admin.
"""

from django.contrib import admin

from referrals.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: nobody, not even a superuser, can add, change or delete audit events here."""

    list_display = ("at", "actor_username", "action", "case_reference", "detail")
    list_filter = ("action",)
    search_fields = ("actor_username", "case_reference")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

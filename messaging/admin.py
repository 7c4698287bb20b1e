from django.contrib import admin

from messaging.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Read-only view of the outbox for operators: status, tries and the last error of each message."""

    list_display = ["pk", "kind", "channel", "status", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["status", "kind", "channel"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

"""The Django admin's part of the content: care-option texts with their questions; clinic settings, helplines and
the help-now text. The treatment pages are edited in the CMS (/cms/)."""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse

from content.models import CareOptionQuestion, CareOptionText, ClinicSettings, Helpline, HelpNowText


class CareOptionQuestionInline(admin.StackedInline):
    model = CareOptionQuestion
    extra = 0
    fields = ("order", "question", "answer")


@admin.register(CareOptionText)
class CareOptionTextAdmin(admin.ModelAdmin):
    list_display = ("title", "care_option_id", "read_more", "updated_at")
    list_select_related = ("read_more",)
    search_fields = ("title", "care_option_id", "what_it_is", "what_it_involves")
    inlines = [CareOptionQuestionInline]
    fields = (
        "care_option_id",
        "title",
        "what_it_is",
        "what_it_involves",
        "how_long",
        "what_to_expect_first",
        "next_steps",
        "read_more",
    )

    def get_readonly_fields(self, request, obj=None):
        # The id is the recommendation engine's; changing it would silently detach the text from its option.
        return ("care_option_id",) if obj else ()


class SingletonAdmin(admin.ModelAdmin):
    """One row, edited in place: the list goes straight to it, and it can't be added twice or deleted."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not self.model.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        row = self.model.objects.first()
        if row is None:
            if self.has_add_permission(request):
                return HttpResponseRedirect(reverse(f"admin:content_{self.opts.model_name}_add"))
            return super().changelist_view(request, extra_context)
        return HttpResponseRedirect(reverse(f"admin:content_{self.opts.model_name}_change", args=[row.pk]))


@admin.register(ClinicSettings)
class ClinicSettingsAdmin(SingletonAdmin):
    fields = ("clinic_name", "phone", "opening_hours", "email")


@admin.register(HelpNowText)
class HelpNowTextAdmin(SingletonAdmin):
    fields = ("body",)


@admin.register(Helpline)
class HelplineAdmin(admin.ModelAdmin):
    list_display = ("name", "number", "country", "available", "order")
    list_editable = ("order",)
    list_filter = ("country",)
    search_fields = ("name", "number", "how_to_use")

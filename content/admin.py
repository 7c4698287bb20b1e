"""The editors' admin: pages with inline sources, review-due highlighting, preview and revisions; care-option
texts with their questions; clinic settings, helplines and the help-now text."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import F, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.cache import never_cache

from content import rendering
from content.models import (
    CareOptionQuestion,
    CareOptionText,
    ClinicSettings,
    Helpline,
    HelpNowText,
    Page,
    PageGroup,
    Source,
)
from content.pages import page_context
from content.reviews import DUE_SOON_DAYS, review_state
from content.revisions import record_revision, restore_revision


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ("order", "title", "publisher", "url", "accessed")


class ReviewFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("due", "Due now (or never reviewed)"),
            ("soon", f"Due in the next {DUE_SOON_DAYS} days"),
            ("ok", "Up to date"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        soon = today + timedelta(days=DUE_SOON_DAYS)
        due_now = Q(review_due__lte=today) | Q(review_due__isnull=True)
        match self.value():
            case "due":
                return queryset.filter(due_now)
            case "soon":
                return queryset.filter(review_due__gt=today, review_due__lte=soon)
            case "ok":
                return queryset.filter(review_due__gt=soon)
        return queryset


@admin.register(PageGroup)
class PageGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "order")
    list_editable = ("order",)
    search_fields = ("name",)


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("title", "group", "status", "review_status", "updated_at", "preview_link")
    list_filter = ("status", ReviewFilter, "group")
    list_select_related = ("group",)
    search_fields = ("title", "slug", "summary", "body", "reviewer_name")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("related",)
    readonly_fields = ("review_due",)
    inlines = [SourceInline]
    save_on_top = True
    actions = ["publish", "unpublish", "mark_reviewed_today"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body")}),
        ("On the site", {"fields": ("status", "group", "order", "related")}),
        (
            "Medical review",
            {
                "fields": (
                    "reviewer_name",
                    "reviewer_credentials",
                    "last_reviewed",
                    "review_interval_days",
                    "review_due",
                )
            },
        ),
    )

    class Media:
        css = {"all": ["content/admin.css"]}

    @admin.display(description="Medical review", ordering=F("review_due").asc(nulls_first=True))
    def review_status(self, page):
        state = review_state(page, timezone.localdate())
        return format_html('<span class="review-status review-status--{}">{}</span>', state.kind, state.label)

    @admin.display(description="Preview")
    def preview_link(self, page):
        return format_html('<a href="{}">Preview</a>', reverse("admin:content_page_preview", args=[page.pk]))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 30, "cols": 100, "class": "vLargeTextField"})
        elif db_field.name == "summary":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 100})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def view_on_site(self, page):
        return page.get_absolute_url() if page.is_published else None

    def save_related(self, request, form, formsets, change):
        # Sources and related pages are saved here, after the page: only now is the snapshot complete.
        super().save_related(request, form, formsets, change)
        record_revision(form.instance, user=request.user, note="Changed" if change else "Created")

    def _update(self, request, queryset, note, **values):
        for page in queryset:
            for name, value in values.items():
                setattr(page, name, value)
            page.save()
            record_revision(page, user=request.user, note=note)
            self.log_change(request, page, note)
        self.message_user(request, f"{note}: {queryset.count()} page(s).", messages.SUCCESS)

    @admin.action(description="Publish the selected pages", permissions=["change"])
    def publish(self, request, queryset):
        self._update(request, queryset, "Published", status=Page.Status.PUBLISHED)

    @admin.action(description="Unpublish the selected pages (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        self._update(request, queryset, "Unpublished", status=Page.Status.DRAFT)

    @admin.action(description="Mark the selected pages as medically reviewed today", permissions=["change"])
    def mark_reviewed_today(self, request, queryset):
        self._update(request, queryset, "Marked as reviewed", last_reviewed=timezone.localdate())

    # --- Preview and revisions -----------------------------------------------------------------------------

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(never_cache(function))

        return [
            path("<int:object_id>/preview/", view(self.preview_view), name="content_page_preview"),
            path("<int:object_id>/revisions/", view(self.revisions_view), name="content_page_revisions"),
            path("<int:object_id>/revisions/<int:number>/", view(self.revision_view), name="content_page_revision"),
            *super().get_urls(),
        ]

    def _page_for(self, request, object_id) -> Page:
        page = get_object_or_404(Page.objects.select_related("group"), pk=object_id)
        if not self.has_view_permission(request, page):
            raise PermissionDenied
        return page

    def preview_view(self, request, object_id):
        """The page exactly as the public sees it (same template, same context), drafts included."""
        response = render(request, "content/page.html", page_context(self._page_for(request, object_id), preview=True))
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def _admin_context(self, request, page, title):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": page,
            "title": title,
            "has_change_permission": self.has_change_permission(request, page),
        }

    def revisions_view(self, request, object_id):
        page = self._page_for(request, object_id)
        context = self._admin_context(request, page, f"Revisions of “{page}”")
        context["revisions"] = page.revisions.select_related("created_by")
        return TemplateResponse(request, "admin/content/page/revisions.html", context)

    def revision_view(self, request, object_id, number):
        page = self._page_for(request, object_id)
        revision = get_object_or_404(page.revisions.select_related("created_by"), number=number)
        if request.method == "POST":
            if not self.has_change_permission(request, page):
                raise PermissionDenied
            restored = restore_revision(revision, user=request.user)
            self.log_change(request, page, restored.note)
            self.message_user(
                request, f"Revision {number} restored. It is saved as revision {restored.number}.", messages.SUCCESS
            )
            return HttpResponseRedirect(reverse("admin:content_page_change", args=[page.pk]))
        context = self._admin_context(request, page, f"Revision {revision.number} of “{page}”")
        context["revision"] = revision
        context["body_html"] = rendering.render_markdown(revision.snapshot["body"]).html
        return TemplateResponse(request, "admin/content/page/revision.html", context)


class CareOptionQuestionInline(admin.StackedInline):
    model = CareOptionQuestion
    extra = 0
    fields = ("order", "question", "answer")


@admin.register(CareOptionText)
class CareOptionTextAdmin(admin.ModelAdmin):
    list_display = ("title", "care_option_id", "learn_more", "updated_at")
    list_select_related = ("learn_more",)
    search_fields = ("title", "care_option_id", "what_it_is", "what_it_involves")
    autocomplete_fields = ("learn_more",)
    inlines = [CareOptionQuestionInline]
    fields = (
        "care_option_id",
        "title",
        "what_it_is",
        "what_it_involves",
        "how_long",
        "what_to_expect_first",
        "next_steps",
        "learn_more",
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

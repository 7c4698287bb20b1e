"""Admin: supervisors edit the provider directory."""

from django.contrib import admin
from django.db import models
from django.utils import timezone

from directory.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)

# Links typed without a scheme are https (Django 6's default, chosen now).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class PhoneInline(admin.TabularInline):
    model = Phone
    fields = ("number", "extension", "type", "description")
    extra = 0


class ScheduleInline(admin.TabularInline):
    model = Schedule
    fields = ("byday", "opens_at", "closes_at", "description")
    extra = 0


class ServiceAtLocationInline(admin.TabularInline):
    model = ServiceAtLocation
    fields = ("location", "description")
    autocomplete_fields = ("location",)
    extra = 0


class LocationInline(admin.TabularInline):
    model = Location
    fields = ("name", "location_type", "city", "state_province", "postal_code")
    show_change_link = True
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "website", "updated_at")
    search_fields = ("name", "alternate_name")
    formfield_overrides = URL_FIELDS
    inlines = [LocationInline, PhoneInline]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "location_type", "city", "state_province", "postal_code")
    list_filter = ("location_type", "state_province")
    search_fields = ("name", "organization__name", "city", "postal_code")
    autocomplete_fields = ("organization",)
    inlines = [PhoneInline, ScheduleInline]
    fieldsets = (
        (None, {"fields": ("organization", "name", "location_type", "description", "transportation")}),
        ("Address", {"fields": ("address_1", "address_2", "city", "state_province", "postal_code", "country")}),
        ("Position (optional; the ZIP code is used otherwise)", {"fields": ("latitude", "longitude")}),
    )


@admin.action(description="Mark selected services as verified today (by me)")
def mark_verified(modeladmin, request, queryset):
    count = queryset.update(assured_date=timezone.localdate(), assured_by=request.user)
    modeladmin.message_user(request, f"{count} service(s) marked verified today.")


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = (
        "name", "organization", "status", "accepting_new_patients", "capacity", "assured_date", "assured_by"
    )
    list_filter = ("status", "accepting_new_patients", "terms")
    search_fields = ("name", "organization__name")
    autocomplete_fields = ("organization",)
    filter_horizontal = ("terms", "languages")
    formfield_overrides = URL_FIELDS
    readonly_fields = ("assured_by", "capacity_updated_at", "updated_at")
    actions = [mark_verified]
    inlines = [ServiceAtLocationInline, PhoneInline, ScheduleInline]
    fieldsets = (
        (None, {"fields": ("organization", "name", "description", "status", "url", "email")}),
        ("Who it serves", {"fields": ("minimum_age", "maximum_age", "eligibility_description", "languages")}),
        ("Care offered and payment", {"fields": ("terms", "fees_description", "application_process")}),
        ("Taking referrals", {"fields": ("accepting_new_patients", "capacity", "capacity_updated_at")}),
        ("Verification", {"fields": ("assured_date", "assured_by", "updated_at")}),
    )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "terms":
            kwargs["queryset"] = db_field.related_model.objects.order_by("taxonomy", "category", "code")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # Whoever sets the verified date is the one who verified it; capacity carries its own timestamp.
        if "assured_date" in form.changed_data and obj.assured_date:
            obj.assured_by = request.user
        if "capacity" in form.changed_data:
            obj.capacity_updated_at = timezone.now()
        super().save_model(request, obj, form, change)

from django.utils.functional import SimpleLazyObject

from content.services import help_now_html
from content.site import SiteDetails, load_site_details


def _site_details(request) -> SiteDetails:
    # Once per request, however many templates it renders; and only if a template asks (the admin never does).
    details = getattr(request, "_content_site_details", None)
    if details is None:
        details = request._content_site_details = load_site_details()
    return details


def site(request):
    """Clinic details and crisis numbers for the header and footer of every page."""
    return {
        "clinic": SimpleLazyObject(lambda: _site_details(request).clinic),
        "clinic_name": SimpleLazyObject(lambda: _site_details(request).clinic.name),
        "crisis_lines": SimpleLazyObject(lambda: _site_details(request).crisis_lines),
        "helplines_elsewhere": SimpleLazyObject(lambda: _site_details(request).helplines_elsewhere),
        "help_now_html": SimpleLazyObject(lambda: help_now_html()),
    }

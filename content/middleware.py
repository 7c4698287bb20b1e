"""The CMS's relaxation of the site's Content-Security-Policy, for /cms/ only.

Wagtail's editor runs a few inline scripts (its panels' set-up) and inline styles, and shows the preview of a page
in a frame of its own. So under /cms/, and nowhere else, scripts and styles may be inline and the CMS may frame its
own pages. Everything else stays as strict as the public site: no other origin for anything, no plugins, no base
URL, forms to this site only. Public pages, the staff area and the Django admin keep the strict policy.
"""

from csp.constants import SELF, UNSAFE_INLINE

CMS_PREFIX = "/cms/"
CMS_POLICY_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "frame-ancestors": [SELF],
}


class CMSPolicyMiddleware:
    """Sits just inside ``csp.middleware.CSPMiddleware``, which reads what it sets on CMS responses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(CMS_PREFIX):
            response._csp_replace = CMS_POLICY_REPLACE
            response["X-Frame-Options"] = "SAMEORIGIN"  # the editor's live preview frame
        return response

"""Public content views. The treatment pages themselves are Wagtail pages, served by Wagtail at the addresses
they always had (/pages/, /pages/<slug>/); the views here are the home page and the redirects to other sites."""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_safe
from wagtail import views as wagtail_views

from content.models import TreatmentPage
from content.pages import navigation
from content.rendering import render_body


@require_GET
def home(request):
    return render(request, "content/home.html", {"pages": navigation()})


@require_safe
def page_index(request):
    return wagtail_views.serve(request, "")


@require_safe
def page_detail(request, slug):
    return wagtail_views.serve(request, f"{slug}/")


def _visible_page(request, slug) -> TreatmentPage:
    """A live page as the public sees it, or for an editor following a link in a preview, its latest draft."""
    if request.user.has_perm("wagtailadmin.access_admin"):
        page = get_object_or_404(TreatmentPage, slug=slug)
        return page.get_latest_revision_as_object()
    return get_object_or_404(TreatmentPage.objects.live(), slug=slug)


def _leave_for(address: str) -> HttpResponseRedirect:
    # Like the quick exit: the page only ever links here, and no referrer goes to the other site.
    response = HttpResponseRedirect(address)
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def source_redirect(request, slug, number):
    """Numbered source n of a page -> its address. Only addresses an editor stored can be reached."""
    sources = list(_visible_page(request, slug).sources.all())
    if not 1 <= number <= len(sources):
        raise Http404
    return _leave_for(sources[number - 1].url)


@require_GET
def external_link_redirect(request, slug, number):
    """The n-th link to another site in a page's body -> its address (see content.rendering)."""
    links = render_body(_visible_page(request, slug)).external_links
    if not 1 <= number <= len(links):
        raise Http404
    return _leave_for(links[number - 1])

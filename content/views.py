from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from content.models import Page
from content.pages import navigation, page_context


@require_GET
def home(request):
    return render(request, "content/home.html", {"pages": navigation()})


@require_GET
def page_index(request):
    return render(request, "content/index.html", {"pages": navigation()})


@require_GET
def page_detail(request, slug):
    page = get_object_or_404(Page.objects.published().select_related("group"), slug=slug)
    return render(request, "content/page.html", page_context(page))


def _visible_page(request, slug) -> Page:
    """A published page, or any page for an editor following a link from its preview."""
    pages = Page.objects.all() if request.user.has_perm("content.view_page") else Page.objects.published()
    return get_object_or_404(pages, slug=slug)


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
    links = _visible_page(request, slug).external_links
    if not 1 <= number <= len(links):
        raise Http404
    return _leave_for(links[number - 1])

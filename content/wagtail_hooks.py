"""The content's place in the CMS: page groups and medical reviewers' credentials as snippets."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content.models import MedicalReviewer, PageGroup


class PageGroupViewSet(SnippetViewSet):
    model = PageGroup
    icon = "list-ul"
    menu_label = "Page groups"
    list_display = ["name", "order"]
    panels = [FieldPanel("name"), FieldPanel("order")]


class MedicalReviewerViewSet(SnippetViewSet):
    model = MedicalReviewer
    icon = "user"
    menu_label = "Medical reviewers"
    list_display = ["display_name", "credentials", "user"]
    panels = [FieldPanel("user"), FieldPanel("display_name"), FieldPanel("credentials")]


register_snippet(PageGroupViewSet)
register_snippet(MedicalReviewerViewSet)

"""The content's place in the CMS: care-option texts (drafts, revisions, preview, the medical review workflow),
page groups and medical reviewers' credentials as snippets."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content.models import CareOptionText, Helpline, HelpNowText, MedicalReviewer, PageGroup


class CareOptionTextViewSet(SnippetViewSet):
    model = CareOptionText
    icon = "doc-full"
    menu_label = "Care-option texts"
    add_to_admin_menu = True
    list_display = ["title", "care_option_id", "live"]
    search_fields = ["title", "what_it_is", "what_it_involves"]


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


class HelplineViewSet(SnippetViewSet):
    model = Helpline
    icon = "mobile-alt"
    menu_label = "Helplines"
    list_display = ["name", "number", "country", "available", "order"]
    list_filter = ["country"]


class HelpNowTextViewSet(SnippetViewSet):
    model = HelpNowText
    icon = "warning"
    menu_label = "Get help now text"
    panels = [FieldPanel("body")]


register_snippet(CareOptionTextViewSet)
register_snippet(HelplineViewSet)
register_snippet(HelpNowTextViewSet)
register_snippet(PageGroupViewSet)
register_snippet(MedicalReviewerViewSet)

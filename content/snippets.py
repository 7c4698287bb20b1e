"""The CMS snippets and settings: care-option texts (drafts, revisions, preview and the medical review workflow),
the help-now text (the same), helplines (revisions and preview) and the clinic's details (a setting).

Everything here is plain text escaped by the templates, except the help-now text, which is Markdown rendered and
sanitised on save (``content.rendering``).
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin, WorkflowMixin

from content import rendering


def revisions_relation(name: str) -> GenericRelation:
    return GenericRelation("wagtailcore.Revision", related_query_name=name)


def workflow_states_relation(name: str) -> GenericRelation:
    return GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name=name,
        for_concrete_model=False,
    )


class CareOptionText(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, ClusterableModel):
    """What a person reads about one care option of the recommendation engine (intake-spec.md §3 ids).

    A CMS snippet with drafts, revisions, preview and the medical review workflow: the row is the live text, an
    editor's change is a draft until a medical reviewer approves it (``live`` is False until first published)."""

    care_option_id = models.SlugField(
        max_length=40, unique=True, help_text="The engine's id for this option. Set by the developers."
    )
    title = models.CharField(max_length=120)
    what_it_is = models.TextField("what it is")
    what_it_involves = models.TextField("what it involves")
    how_long = models.TextField("how long it takes")
    what_to_expect_first = models.TextField("what to expect first")
    next_steps = models.TextField("next steps", blank=True)
    read_more = models.ForeignKey(
        "content.TreatmentPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A page to read more.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    _revisions = revisions_relation("care_option_text")
    workflow_states = workflow_states_relation("care_option_text")

    panels = [
        FieldPanel("title"),
        FieldPanel("what_it_is"),
        FieldPanel("what_it_involves"),
        FieldPanel("how_long"),
        FieldPanel("what_to_expect_first"),
        FieldPanel("next_steps"),
        FieldPanel("read_more"),
        InlinePanel("questions", heading="Common questions", label="Question"),
    ]

    class Meta:
        ordering = ["care_option_id"]
        verbose_name = "care-option text"

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return "content/care_option_preview.html"

    @property
    def learn_more_page(self):
        """The page to link to, only while it is live."""
        page = self.read_more
        return page if page is not None and page.live else None


class CareOptionQuestion(models.Model):
    care_option = ParentalKey(CareOptionText, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(max_length=200)
    answer = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("order"), FieldPanel("question"), FieldPanel("answer")]

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "common question"

    def __str__(self):
        return self.question


def tel_href(number: str) -> str:
    """The ``tel:`` form of a phone number as people write it: "1-800-662-4357" -> "+18006624357"."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if number.strip().startswith("+") or (len(digits) == 11 and digits.startswith("1")):
        return f"+{digits}"
    if len(digits) == 10:
        return f"+1{digits}"
    return digits


@register_setting(icon="home")
class ClinicSettings(BaseGenericSetting):
    """The clinic's own details for the header and footer: a CMS setting ("Settings", "Clinic settings"), one row."""

    clinic_name = models.CharField(max_length=100)
    phone = models.CharField(max_length=30, blank=True)
    opening_hours = models.CharField(max_length=200, blank=True, help_text="For example: Monday to Friday, 9am to 5pm")
    email = models.EmailField(blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "clinic settings"

    def __str__(self):
        return self.clinic_name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @property
    def tel(self) -> str:
        return tel_href(self.phone)


class Helpline(RevisionMixin, PreviewableMixin, models.Model):
    """A crisis or support line shown in the footer and on the help page, in addition to the fixed numbers of
    content.crisis (which no edit can remove). A CMS snippet with revisions and preview."""

    country = models.CharField(max_length=60, default="US", help_text="A short code or name, e.g. US or UK.")
    name = models.CharField(max_length=120)
    number = models.CharField(max_length=30)
    how_to_use = models.CharField(max_length=200, blank=True, help_text="For example: Call or text")
    available = models.CharField(max_length=100, blank=True, help_text="For example: 24/7")
    order = models.PositiveSmallIntegerField(default=0)
    _revisions = revisions_relation("helpline")

    class Meta:
        ordering = ["country", "order", "name"]

    def __str__(self):
        return f"{self.name} ({self.number})"

    @property
    def tel(self) -> str:
        return tel_href(self.number)

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return "content/helpline_preview.html"


class HelpNowText(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, models.Model):
    """Editable guidance for the "Get help now" page (what to do in an overdose, ...). A single row (pk 1).

    It is shown below the page's fixed crisis numbers, never instead of them. Overdose steps are clinical advice, so
    a change goes through the medical review workflow like the care-option texts."""

    body = models.TextField(help_text="Markdown. Headings start at ##. Keep it short and step by step.")
    body_html = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(auto_now=True)
    _revisions = revisions_relation("help_now_text")
    workflow_states = workflow_states_relation("help_now_text")

    class Meta:
        verbose_name = verbose_name_plural = "get help now text"

    def __str__(self):
        return "Get help now text"

    def save(self, *args, **kwargs):
        self.pk = 1
        self.body_html = self._rendered()
        super().save(*args, **kwargs)

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return "content/help_now_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "guidance_html": self._rendered()}

    def _rendered(self) -> str:
        # No external_href: a link to another site keeps its text but loses its address.
        return rendering.render_markdown(self.body).html

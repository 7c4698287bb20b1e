"""Editable public content: treatment pages (Wagtail pages, with numbered sources and a medical review); the
care-option texts, clinic details, helplines and help-now text are in ``content.snippets``.

A page's medical review is a stamp (reviewer, credentials, date, and a fingerprint of the text reviewed) that only
the medical-review workflow sets (``content.reviews``); editing the text the stamp covers clears it.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    Orderable,
)
from wagtail.models import Page as WagtailPage
from wagtail.search import index

# What the body editor offers: exactly what the public page can show, so nothing an editor types is dropped.
BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class PageGroup(models.Model):
    """A heading in the page navigation at /pages/ ("Treatment options", ...)."""

    name = models.CharField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class TreatmentIndexPage(WagtailPage):
    """/pages/: the published treatment pages by group. The CMS site's root; there is exactly one."""

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.TreatmentPage"]
    template = "content/index.html"

    def get_context(self, request, *args, **kwargs):
        from content.pages import navigation

        return {**super().get_context(request, *args, **kwargs), "pages": navigation()}


def text_fingerprint(summary: str, body: str) -> str:
    """What a medical review covers: the summary and the body, exactly as stored."""
    return hashlib.sha256(f"{summary}\n{body}".encode()).hexdigest()


@dataclass(frozen=True)
class MedicalReview:
    reviewer_name: str
    reviewer_credentials: str
    reviewed_on: date
    next_due: date


class TreatmentPage(WagtailPage):
    summary = models.CharField(max_length=300, help_text="One or two plain sentences, shown under the title.")
    body = RichTextField(
        features=BODY_FEATURES,
        help_text="Headings, lists, bold, italic and links. Cite the sources below as [1], [2] and so on.",
    )
    group = models.ForeignKey(PageGroup, on_delete=models.PROTECT, related_name="treatment_pages")
    review_interval_days = models.PositiveSmallIntegerField(
        default=365, validators=[MinValueValidator(1)], help_text="How often the page must be medically reviewed."
    )
    # The medical review stamp: set only when a medical reviewer approves (content.reviews), cleared by any change
    # to the summary or body. Not editable in any form.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer_name = models.CharField(max_length=150, blank=True, editable=False)
    reviewer_credentials = models.CharField(max_length=120, blank=True, editable=False)
    last_reviewed = models.DateField(null=True, blank=True, editable=False)
    next_review_due = models.DateField(null=True, blank=True, editable=False, db_index=True)
    reviewed_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    parent_page_types = ["content.TreatmentIndexPage"]
    subpage_types = []
    template = "content/page.html"

    content_panels = [
        *WagtailPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("group"),
        FieldPanel("body"),
        InlinePanel("sources", heading="Sources", label="Source", help_text="Numbered in this order: [1], [2], ..."),
        InlinePanel("related_links", heading="Related pages", label="Related page"),
        MultiFieldPanel(
            [
                HelpPanel(
                    "A change to the summary or body clears the medical review. Submit the page to the medical "
                    "review workflow: it goes live when a medical reviewer approves it."
                ),
                FieldPanel("review_interval_days"),
            ],
            heading="Medical review",
        ),
    ]
    search_fields = [*WagtailPage.search_fields, index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = "treatment page"

    def get_absolute_url(self):
        return self.get_url()

    @property
    def medical_review(self) -> MedicalReview | None:
        """The review of the text as it is now, or None: never a review of other wording."""
        if self.last_reviewed is None or self.reviewed_fingerprint != text_fingerprint(self.summary, self.body):
            return None
        due = self.next_review_due or self.last_reviewed + timedelta(days=self.review_interval_days)
        return MedicalReview(self.reviewer_name, self.reviewer_credentials, self.last_reviewed, due)

    def clear_stale_review(self) -> None:
        if self.reviewed_fingerprint and self.reviewed_fingerprint == text_fingerprint(self.summary, self.body):
            return
        self.reviewed_by = None
        self.reviewer_name = self.reviewer_credentials = self.reviewed_fingerprint = ""
        self.last_reviewed = self.next_review_due = None

    def clean(self):
        super().clean()
        self.clear_stale_review()  # runs before every revision is saved, so a draft never carries a stale stamp

    def save(self, *args, **kwargs):
        self.clear_stale_review()
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from content.pages import page_context

        return {**super().get_context(request, *args, **kwargs), **page_context(self, request)}


class PageSource(Orderable):
    """A cited source, shown under the page as reference n (its position)."""

    page = ParentalKey(TreatmentPage, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200)
    url = models.URLField("address", max_length=500, validators=[URLValidator(schemes=["https", "http"])])
    accessed = models.DateField("date accessed")

    panels = [FieldPanel("title"), FieldPanel("publisher"), FieldPanel("url"), FieldPanel("accessed")]

    def __str__(self):
        return self.title

    @property
    def domain(self) -> str:
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.")


class RelatedPage(Orderable):
    page = ParentalKey(TreatmentPage, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(TreatmentPage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("related")]


class MedicalReviewer(models.Model):
    """How a member of the "Medical reviewers" group is named on the pages they approve."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="medical_reviewer")
    display_name = models.CharField(max_length=150, help_text="As shown on pages, e.g. Dr. Ada Lovelace")
    credentials = models.CharField(max_length=120, help_text="For example: MD, addiction medicine")

    def __str__(self):
        return f"{self.display_name}, {self.credentials}"


class LoadedInitialItem(models.Model):
    """The initial-content items ``load_content`` has created once, so it never re-creates what an editor later
    deleted or renamed. Keys look like ``page:methadone``, ``care_option:aftercare``, ``clinic``."""

    key = models.CharField(max_length=200, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key


# The CMS snippets and settings, in their own module; imported here so Django registers them with the app.
from content.snippets import (  # noqa: E402, F401 (registers the models; after the classes they use)
    CareOptionQuestion,
    CareOptionText,
    ClinicSettings,
    Helpline,
    HelpNowText,
    tel_href,
)

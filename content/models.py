"""Editable public content: treatment pages (Wagtail pages, with numbered sources and a medical review),
care-option texts, clinic details and helplines.

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
from wagtail.models import Orderable
from wagtail.models import Page as WagtailPage
from wagtail.search import index

from content import rendering

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


class CareOptionText(models.Model):
    """What a person reads about one care option of the recommendation engine (intake-spec.md §3 ids)."""

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
        TreatmentPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A page to read more.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["care_option_id"]
        verbose_name = "care-option text"

    def __str__(self):
        return self.title

    @property
    def learn_more_page(self) -> TreatmentPage | None:
        """The page to link to, only while it is live."""
        page = self.read_more
        return page if page is not None and page.live else None


class CareOptionQuestion(models.Model):
    care_option = models.ForeignKey(CareOptionText, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(max_length=200)
    answer = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

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


class ClinicSettings(models.Model):
    """The clinic's own details for the header and footer. A single row (pk 1)."""

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


class Helpline(models.Model):
    """A crisis or support line shown in the footer and on the help page, in addition to the fixed numbers of
    content.crisis (which no edit can remove)."""

    country = models.CharField(max_length=60, default="US", help_text="A short code or name, e.g. US or UK.")
    name = models.CharField(max_length=120)
    number = models.CharField(max_length=30)
    how_to_use = models.CharField(max_length=200, blank=True, help_text="For example: Call or text")
    available = models.CharField(max_length=100, blank=True, help_text="For example: 24/7")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["country", "order", "name"]

    def __str__(self):
        return f"{self.name} ({self.number})"

    @property
    def tel(self) -> str:
        return tel_href(self.number)


class HelpNowText(models.Model):
    """Editable guidance for the "Get help now" page (what to do in an overdose, ...). A single row (pk 1).

    It is shown below the page's fixed crisis numbers, never instead of them."""

    body = models.TextField(help_text="Markdown. Headings start at ##. Keep it short and step by step.")
    body_html = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "get help now text"

    def __str__(self):
        return "Get help now text"

    def save(self, *args, **kwargs):
        self.pk = 1
        # No external_href: a link to another site keeps its text but loses its address.
        self.body_html = rendering.render_markdown(self.body).html
        super().save(*args, **kwargs)


class LoadedInitialItem(models.Model):
    """The initial-content items ``load_content`` has created once, so it never re-creates what an editor later
    deleted or renamed. Keys look like ``page:methadone``, ``care_option:aftercare``, ``clinic``."""

    key = models.CharField(max_length=200, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key

"""Editable public content: treatment pages with their sources and revisions, care-option texts, clinic details
and helplines.

Only pages take Markdown; their HTML is rendered and sanitised on save (``content.rendering``) and stored, so a
request never renders Markdown. Every other text here is plain text, escaped by the templates like any string.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.urls import reverse

from content import rendering


class PageGroup(models.Model):
    """A heading in the page navigation at /pages/ ("Treatment options", ...)."""

    name = models.CharField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Page.Status.PUBLISHED)

    def in_navigation_order(self):
        return self.order_by("group__order", "group__name", "order", "title")


class Page(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (not on the site)"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="The end of the page's address, as in /pages/methadone/. Changing it breaks links people saved.",
    )
    summary = models.CharField(max_length=300, help_text="One or two plain sentences, shown under the title.")
    body = models.TextField(
        help_text="Markdown. Headings start at ##. Cite the sources below as [1], [2] and so on. Links to other "
        "sites are allowed; scripts, images, styles and embedded content are removed."
    )
    body_html = models.TextField(editable=False, default="")
    # Addresses of the body's links to other sites; the page links to them through /pages/<slug>/links/<n>/ so
    # no page carries an external address (see content.rendering).
    external_links = models.JSONField(editable=False, default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    group = models.ForeignKey(PageGroup, on_delete=models.PROTECT, related_name="pages")
    order = models.PositiveSmallIntegerField(default=0, help_text="Position within its group; lower comes first.")
    reviewer_name = models.CharField("medical reviewer", max_length=120)
    reviewer_credentials = models.CharField(max_length=120, blank=True, help_text="For example: MD, addiction medicine")
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="The date of the last medical review. Empty means not reviewed yet."
    )
    review_interval_days = models.PositiveSmallIntegerField(
        default=365, validators=[MinValueValidator(1)], help_text="How often the page must be medically reviewed."
    )
    # Derived from the two fields above on save, so "due for review" is one indexed query. Null = never reviewed.
    review_due = models.DateField(null=True, blank=True, editable=False, db_index=True)
    related = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["group__order", "group__name", "order", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        rendered = rendering.render_markdown(self.body, external_href=self._external_href)
        self.body_html = rendered.html
        self.external_links = list(rendered.external_links)
        self.review_due = self.last_reviewed + timedelta(days=self.review_interval_days) if self.last_reviewed else None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "body_html", "external_links", "review_due"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("content:page", args=[self.slug])

    def _external_href(self, number: int) -> str:
        return reverse("content:external_link", args=[self.slug, number])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Source(models.Model):
    """A cited source, shown under the page as a numbered reference in ``order``."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200)
    url = models.URLField("address", max_length=500, validators=[URLValidator(schemes=["https", "http"])])
    accessed = models.DateField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.title

    @property
    def domain(self) -> str:
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.")


class PageRevision(models.Model):
    """A snapshot of a page (its fields, sources and related pages) taken on every save; see content.revisions."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["page", "-number"]
        constraints = [models.UniqueConstraint(fields=["page", "number"], name="content_revision_number_unique")]

    def __str__(self):
        return f"{self.page} – revision {self.number}"


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
    learn_more = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text="A page to read more."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["care_option_id"]
        verbose_name = "care-option text"

    def __str__(self):
        return self.title

    @property
    def learn_more_page(self) -> Page | None:
        """The page to link to, only while it is published."""
        page = self.learn_more
        return page if page is not None and page.is_published else None


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

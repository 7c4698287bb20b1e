"""Moves the treatment pages into Wagtail: the /pages/ index becomes the CMS site's root, and every page (its
current text, sources, related pages and group) becomes a treatment page under it, published or draft as it was.

No page is migrated as medically reviewed: the old review fields recorded no approval (most held the content
writer's placeholders), and only a medical reviewer's approval in the CMS may say a page was reviewed.
"""

from django.db import migrations

from content.rendering import markdown_to_html

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # django-treebeard's path alphabet, 4 characters per level


def step(number: int) -> str:
    digits = ""
    for _ in range(4):
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    return digits


def move_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    WagtailPage = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    TreatmentIndexPage = apps.get_model("content", "TreatmentIndexPage")
    TreatmentPage = apps.get_model("content", "TreatmentPage")
    PageSource = apps.get_model("content", "PageSource")
    RelatedPage = apps.get_model("content", "RelatedPage")
    OldPage = apps.get_model("content", "Page")
    CareOptionText = apps.get_model("content", "CareOptionText")

    def content_type(model):
        return ContentType.objects.get_or_create(app_label="content", model=model)[0]

    root = WagtailPage.objects.get(depth=1)
    locale = Locale.objects.order_by("pk").first()
    # Wagtail's placeholder home page, if nothing was built under it.
    WagtailPage.objects.filter(depth=2, slug="home", numchild=0, content_type__model="page").delete()
    children = WagtailPage.objects.filter(depth=2)
    last = max((int(p.path[-4:], 36) for p in children), default=0)
    index = TreatmentIndexPage.objects.create(
        title="About treatment", draft_title="About treatment", slug="pages", url_path="/pages/",
        path=root.path + step(last + 1), depth=2, numchild=0, live=True, locale=locale,
        content_type=content_type("treatmentindexpage"),
    )  # fmt: skip
    root.numchild = children.count() + 1
    root.save(update_fields=["numchild"])
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=index, is_default_site=True)
    else:
        site.root_page = index
        site.save(update_fields=["root_page"])

    page_type = content_type("treatmentpage")
    moved = {}
    old_pages = OldPage.objects.select_related("group").order_by("group__order", "group__name", "order", "title")
    for number, old in enumerate(old_pages, start=1):
        moved[old.pk] = TreatmentPage.objects.create(
            title=old.title, draft_title=old.title, slug=old.slug, url_path=f"/pages/{old.slug}/",
            path=index.path + step(number), depth=3, numchild=0, live=old.status == "published",
            has_unpublished_changes=old.status != "published", locale=locale, content_type=page_type,
            summary=old.summary, body=markdown_to_html(old.body), group=old.group,
            review_interval_days=old.review_interval_days,
        )  # fmt: skip
        PageSource.objects.bulk_create(
            PageSource(page=moved[old.pk], sort_order=n, title=s.title, publisher=s.publisher, url=s.url,
                       accessed=s.accessed)
            for n, s in enumerate(old.sources.order_by("order", "id"))
        )  # fmt: skip
    index.numchild = len(moved)
    index.save(update_fields=["numchild"])
    for old in OldPage.objects.prefetch_related("related"):
        RelatedPage.objects.bulk_create(
            RelatedPage(page=moved[old.pk], related=moved[other.pk], sort_order=n)
            for n, other in enumerate(old.related.order_by("title"))
            if other.pk != old.pk
        )
    for text in CareOptionText.objects.exclude(learn_more=None):
        text.read_more = moved.get(text.learn_more_id)
        text.save(update_fields=["read_more"])


class Migration(migrations.Migration):
    dependencies = [("content", "0004_treatment_pages_on_wagtail"), ("wagtailcore", "0098_apitoken")]
    operations = [migrations.RunPython(move_pages, migrations.RunPython.noop)]

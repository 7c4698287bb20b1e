"""load_content: every initial page is there with its sources; running it again changes nothing; an editor's
changes and deletions are kept; --force puts the files' text back (restorably, as a new revision in the CMS)."""

import datetime
import textwrap
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from content.loader import ContentFormatError, load_initial, read_initial, split_front_matter
from content.models import CareOptionText, ClinicSettings, Helpline, HelpNowText, PageSource, TreatmentPage

pytestmark = pytest.mark.django_db

# intake-spec.md §3
CARE_OPTION_IDS = {
    "detox_inpatient", "detox_outpatient", "mat_methadone", "mat_buprenorphine", "mat_naltrexone",
    "inpatient_stay", "outpatient", "aftercare",
}  # fmt: skip
# The list of initial pages, by the slug the content writer gave each.
REQUIRED_PAGES = {
    "why-it-is-hard-to-stop", "withdrawal", "cold-turkey-and-rapid-detox", "methadone", "buprenorphine",
    "naltrexone", "maintenance-or-taper", "inpatient-and-outpatient", "relapse", "overdose-and-naloxone",
    "aftercare-and-support", "paying-for-treatment", "your-privacy",
}  # fmt: skip


def snapshot_counts():
    models = (TreatmentPage, PageSource, Revision, CareOptionText, Helpline)
    return {model.__name__: model.objects.count() for model in models}


# --- The real initial content ------------------------------------------------------------------------------


def test_every_initial_page_is_live_with_at_least_two_sources_and_no_review_claimed(initial_content):
    pages = {page.slug: page for page in TreatmentPage.objects.prefetch_related("sources")}
    assert set(pages) >= REQUIRED_PAGES
    assert set(pages) == {page.slug for page in initial_content.pages}
    for page in pages.values():
        assert page.live and not page.has_unpublished_changes, page.slug
        assert len(page.sources.all()) >= 2, page.slug
        assert all(s.url.startswith("https://") for s in page.sources.all()), page.slug
        assert page.medical_review is None, page.slug  # only a reviewer's approval gives one
        assert page.body.count("<h2") >= 2, page.slug
        assert page.revisions.count() == 1


def test_related_pages_are_linked_in_both_directions_of_loading(initial_content):
    naltrexone = TreatmentPage.objects.get(slug="naltrexone")
    assert {link.related.slug for link in naltrexone.related_links.all()} == {
        "maintenance-or-taper",
        "overdose-and-naloxone",
        "relapse",
    }


def test_every_care_option_of_the_spec_has_a_text_with_questions_and_a_page(initial_content):
    texts = {text.care_option_id: text for text in CareOptionText.objects.all()}
    assert set(texts) == CARE_OPTION_IDS
    for text in texts.values():
        assert text.what_it_is and text.how_long and text.what_to_expect_first, text.care_option_id
        assert text.questions.count() >= 1, text.care_option_id
        assert text.learn_more_page is not None, text.care_option_id


def test_clinic_settings_helplines_and_help_now_text_are_loaded(initial_content):
    assert ClinicSettings.objects.get().clinic_name == initial_content.clinic.name
    assert Helpline.objects.count() == len(initial_content.helplines) > 0
    assert "<h2>" in HelpNowText.objects.get().body_html


def test_loading_twice_changes_nothing(initial_content):
    before = snapshot_counts()
    report = load_initial(read_initial())
    assert report.created == [] and report.updated == []
    assert snapshot_counts() == before


def test_the_command_is_idempotent_and_says_what_it_did():
    first, second = StringIO(), StringIO()
    call_command("load_content", stdout=first)
    counts = snapshot_counts()
    call_command("load_content", stdout=second)
    assert snapshot_counts() == counts
    assert " 0 created, 0 overwritten" not in first.getvalue()
    assert "Content: 0 created, 0 overwritten" in second.getvalue()


def test_an_editors_changes_are_never_overwritten(initial_content):
    page = TreatmentPage.objects.get(slug="methadone")
    page.body = "<p>The clinic's own wording.</p>"
    page.save_revision().publish()
    PageSource.objects.filter(page=page).delete()
    text = CareOptionText.objects.get(care_option_id="aftercare")
    text.what_it_is = "Edited."
    text.save()
    text.questions.all().delete()
    ClinicSettings.objects.update(clinic_name="Northside Clinic")
    Helpline.objects.filter(number="741741").update(available="Weekdays")

    load_initial(read_initial())

    page.refresh_from_db()
    assert page.body == "<p>The clinic's own wording.</p>" and page.sources.count() == 0
    text.refresh_from_db()
    assert text.what_it_is == "Edited." and text.questions.count() == 0
    assert ClinicSettings.objects.get().clinic_name == "Northside Clinic"
    assert Helpline.objects.get(number="741741").available == "Weekdays"


def test_what_an_editor_deleted_or_renamed_does_not_come_back(initial_content):
    TreatmentPage.objects.filter(slug="relapse").update(slug="coming-back-from-a-relapse")
    Helpline.objects.filter(number="1-800-222-1222").delete()
    CareOptionText.objects.filter(care_option_id="inpatient_stay").delete()

    load_initial(read_initial())

    assert not TreatmentPage.objects.filter(slug="relapse").exists()
    assert not Helpline.objects.filter(number="1-800-222-1222").exists()
    assert not CareOptionText.objects.filter(care_option_id="inpatient_stay").exists()


def test_force_puts_the_files_text_back_and_keeps_the_editors_version_as_a_revision(initial_content):
    page = TreatmentPage.objects.get(slug="withdrawal")
    original = page.body
    page.body = "<p>Edited.</p>"
    page.save_revision().publish()
    Helpline.objects.filter(number="1-800-222-1222").delete()

    call_command("load_content", "--force", stdout=StringIO())

    page.refresh_from_db()
    assert page.body == original
    revisions = page.revisions.order_by("created_at", "pk")
    assert [r.as_object().body for r in revisions] == [original, "<p>Edited.</p>", original]
    assert Helpline.objects.filter(number="1-800-222-1222").exists()
    assert TreatmentPage.objects.count() == len(initial_content.pages)


# --- The file format, with small fixtures ------------------------------------------------------------------


def write(directory, name, text):
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip())


PAGE = """
    +++
    title = "Methadone"
    slug = "methadone"
    summary = "A daily medicine."
    group = "Treatment options"
    order = 2
    review_interval_days = 180
    related = ["naloxone", "missing-page"]

    [[sources]]
    title = "TIP 63"
    publisher = "SAMHSA"
    url = "https://www.samhsa.gov/tip63"
    accessed = 2026-11-01
    +++
    ## What it is

    A medicine [1].
"""


@pytest.fixture
def small_initial(tmp_path):
    write(tmp_path, "pages/methadone.md", PAGE)
    write(
        tmp_path, "pages/naloxone.md", PAGE.replace('"methadone"', '"naloxone"').replace("Treatment options", "Safety")
    )
    write(
        tmp_path,
        "care_options.toml",
        """
        [mat_methadone]
        title = "Methadone"
        what_it_is = "A medicine."
        what_it_involves = "Daily visits."
        how_long = "No set end."
        what_to_expect_first = "A first visit."
        learn_more_slug = "methadone"

        [[mat_methadone.questions]]
        question = "Daily?"
        answer = "At first."
        """,
    )
    write(
        tmp_path,
        "site.toml",
        """
        groups = ["Treatment options", "Safety"]
        [clinic]
        name = "Test Clinic"
        phone = "555-010-0100"
        phone_is_demo = true

        [[helplines]]
        country = "UK"
        name = "Samaritans"
        number = "116 123"
        """,
    )
    return tmp_path


def test_a_small_fixture_loads_every_field(small_initial):
    content = read_initial(small_initial)
    assert "site.toml [clinic]: ignored phone_is_demo" in content.notes
    assert any("missing-page" in note for note in content.notes)
    assert "emergency.md: not found, skipped" in content.notes

    report = load_initial(content)

    assert report.created == [
        "page:methadone",
        "page:naloxone",
        "care_option:mat_methadone",
        "clinic",
        "helpline:UK:116 123",
    ]
    page = TreatmentPage.objects.get(slug="methadone")
    assert (page.review_interval_days, page.last_reviewed, page.next_review_due) == (180, None, None)
    assert page.body == "<h2>What it is</h2>\n<p>A medicine [1].</p>"
    assert page.url == "/pages/methadone/"
    assert [link.related.slug for link in page.related_links.all()] == ["naloxone"]
    assert page.sources.get().accessed == datetime.date(2026, 11, 1)
    groups = TreatmentPage.objects.values_list("group__name", "group__order").order_by("group__order").distinct()
    assert list(groups) == [
        ("Treatment options", 1),
        ("Safety", 2),
    ]
    text = CareOptionText.objects.get()
    assert text.read_more == page and text.questions.get().answer == "At first."
    assert Helpline.objects.get().country == "UK"


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("pages/bad.md", "no front matter", "pages/bad.md: must start with a +++ line"),
        ("pages/bad.md", "+++\ntitle = 'x'\n", "pages/bad.md: front matter has no closing +++ line"),
        ("pages/bad.md", "+++\ntitle = 'x'\n+++\nbody", "pages/bad.md: missing group, slug, summary"),
        ("pages/bad.md", "+++\ntitle = \n+++\n", "pages/bad.md: "),
        ("care_options.toml", "[aftercare]\ntitle = 'x'\n", "care_options.toml [aftercare]: missing how_long"),
        ("site.toml", "[[helplines]]\nname = 'x'\n", "site.toml helpline 1: missing country, number"),
    ],
)
def test_a_broken_file_is_reported_and_nothing_is_loaded(small_initial, name, text, problem):
    write(small_initial, name, text)
    with pytest.raises(ContentFormatError) as error:
        read_initial(small_initial)
    assert any(p.startswith(problem) for p in error.value.problems), error.value.problems

    with pytest.raises(CommandError, match="Nothing loaded"):
        call_command("load_content", "--path", str(small_initial), stdout=StringIO())
    assert TreatmentPage.objects.count() == 0


def test_a_slug_used_twice_is_a_problem(small_initial):
    write(small_initial, "pages/copy.md", PAGE)
    with pytest.raises(ContentFormatError, match="slug 'methadone' is used twice"):
        read_initial(small_initial)


def test_a_page_an_editor_made_with_the_same_slug_is_kept(small_initial):
    from tests.content.factories import TreatmentPageFactory

    TreatmentPageFactory(slug="methadone", body="<p>The editor's page.</p>")
    load_initial(read_initial(small_initial))
    assert TreatmentPage.objects.get(slug="methadone").body == "<p>The editor's page.</p>"


def test_front_matter_is_split_from_the_body():
    assert split_front_matter("+++\na = 1\n+++\n\nBody\n") == ("a = 1\n", "Body\n")

"""Initial content from ``content/initial/`` into the database (``manage.py load_content``).

Files:

* ``pages/<slug>.md``: TOML front matter between ``+++`` lines (title, slug, summary, group, order,
  review_interval_days, related, optional status, ``[[sources]]`` with title, publisher, url, accessed), then the
  Markdown body, which becomes the page's rich text. A loaded page has no medical review: only a medical
  reviewer's approval in the CMS gives it one.
* ``care_options.toml``: one table per care option id, with ``[[<id>.questions]]``.
* ``site.toml``: ``[clinic]``, ``[[helplines]]`` and an optional ``groups = [...]`` giving the order of the page
  groups (groups not listed follow in alphabetical order).
* ``emergency.md``: Markdown for the "Get help now" page.

Reading (``read_initial``) is pure and checks everything first, so a broken file loads nothing.

Loading (``load_initial``) is idempotent and never overwrites an editor: an item is created only if it has never
been loaded before. Each created item is recorded in ``LoadedInitialItem``, so an item an editor deleted or renamed
is not created again. ``force=True`` makes the database match the files again for every item in them (existing
items are overwritten, a page gets a new revision so the editor's version can be restored in the CMS); items only
in the database are left alone.
"""

import tomllib
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from pathlib import Path

from django.db import transaction

from content.cms import ensure_index
from content.models import (
    CareOptionQuestion,
    CareOptionText,
    ClinicSettings,
    Helpline,
    HelpNowText,
    LoadedInitialItem,
    PageGroup,
    PageSource,
    RelatedPage,
    TreatmentPage,
)
from content.rendering import markdown_to_html

PAGE_STATUSES = ("published", "draft")

INITIAL_DIR = Path(__file__).resolve().parent / "initial"
FRONT_MATTER_FENCE = "+++"


class ContentFormatError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class SourceData:
    title: str
    publisher: str
    url: str
    accessed: date


@dataclass(frozen=True)
class PageData:
    slug: str
    title: str
    summary: str
    group: str
    body: str
    order: int = 0
    review_interval_days: int = 365
    status: str = "published"
    related: tuple[str, ...] = ()
    sources: tuple[SourceData, ...] = ()


@dataclass(frozen=True)
class CareOptionData:
    care_option_id: str
    title: str
    what_it_is: str
    what_it_involves: str
    how_long: str
    what_to_expect_first: str
    next_steps: str = ""
    learn_more_slug: str = ""
    questions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ClinicData:
    name: str
    phone: str = ""
    opening_hours: str = ""
    email: str = ""


@dataclass(frozen=True)
class HelplineData:
    country: str
    name: str
    number: str
    how_to_use: str = ""
    available: str = ""
    order: int = 0

    @property
    def key(self) -> str:
        return f"helpline:{self.country}:{self.number}"


@dataclass
class InitialContent:
    pages: list[PageData] = field(default_factory=list)
    care_options: list[CareOptionData] = field(default_factory=list)
    clinic: ClinicData | None = None
    helplines: list[HelplineData] = field(default_factory=list)
    group_order: list[str] = field(default_factory=list)
    help_now: str | None = None
    notes: list[str] = field(default_factory=list)


# --- Reading --------------------------------------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[str, str]:
    """``+++\\n<toml>\\n+++\\n<body>`` -> (toml, body)."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise ValueError("must start with a +++ line (TOML front matter)")
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == FRONT_MATTER_FENCE:
            return "".join(lines[1:index]), "".join(lines[index + 1 :]).strip() + "\n"
    raise ValueError("front matter has no closing +++ line")


def _build(cls, data: dict, where: str, problems: list[str], notes: list[str], **extra):
    """Make a dataclass from a TOML table: missing required keys are problems, unknown keys are noted."""
    known = {f.name for f in fields(cls)}
    required = {f.name for f in fields(cls) if f.default is MISSING and f.name not in extra}
    missing = sorted(name for name in required if data.get(name) in (None, ""))
    if missing:
        problems.append(f"{where}: missing {', '.join(missing)}")
        return None
    unknown = sorted(set(data) - known)
    if unknown:
        notes.append(f"{where}: ignored {', '.join(unknown)}")
    values = {name: data[name] for name in known if name in data}
    try:
        return cls(**values, **extra)
    except TypeError as error:
        problems.append(f"{where}: {error}")
        return None


def read_page(path: Path, problems: list[str], notes: list[str]) -> PageData | None:
    where = f"pages/{path.name}"
    try:
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
        data = tomllib.loads(front)
    except (ValueError, tomllib.TOMLDecodeError) as error:
        problems.append(f"{where}: {error}")
        return None
    sources = []
    for number, source in enumerate(data.pop("sources", []), start=1):
        built = _build(SourceData, source, f"{where} source {number}", problems, notes)
        if built is not None:
            if not isinstance(built.accessed, date) or not built.url.startswith(("https://", "http://")):
                problems.append(f"{where} source {number}: accessed must be a date and url an http(s) address")
            sources.append(built)
    data["related"] = tuple(data.get("related", ()))
    page = _build(PageData, data, where, problems, notes, body=body, sources=tuple(sources))
    if page is not None and page.status not in PAGE_STATUSES:
        problems.append(f"{where}: status must be one of {', '.join(PAGE_STATUSES)}")
    return page


def read_care_options(path: Path, problems: list[str], notes: list[str]) -> list[CareOptionData]:
    options = []
    for care_option_id, table in tomllib.loads(path.read_text(encoding="utf-8")).items():
        where = f"{path.name} [{care_option_id}]"
        questions = []
        for number, item in enumerate(table.pop("questions", []), start=1):
            if not item.get("question") or not item.get("answer"):
                problems.append(f"{where} question {number}: needs question and answer")
            else:
                questions.append((item["question"], item["answer"]))
        built = _build(
            CareOptionData, table, where, problems, notes, care_option_id=care_option_id, questions=tuple(questions)
        )
        if built is not None:
            options.append(built)
    return options


def read_site(path: Path, content: InitialContent, problems: list[str]) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if "clinic" in data:
        content.clinic = _build(ClinicData, data["clinic"], f"{path.name} [clinic]", problems, content.notes)
    for number, item in enumerate(data.get("helplines", []), start=1):
        built = _build(HelplineData, item, f"{path.name} helpline {number}", problems, content.notes)
        if built is not None:
            content.helplines.append(built)
    content.group_order = list(data.get("groups", []))


def read_initial(directory: Path = INITIAL_DIR) -> InitialContent:
    """Read and check every file; raise ContentFormatError listing every problem found."""
    content = InitialContent()
    problems: list[str] = []
    for path in sorted((directory / "pages").glob("*.md")):
        page = read_page(path, problems, content.notes)
        if page is not None:
            content.pages.append(page)
    optional_files = {
        "care_options.toml": lambda p: content.care_options.extend(read_care_options(p, problems, content.notes)),
        "site.toml": lambda p: read_site(p, content, problems),
        "emergency.md": lambda p: setattr(content, "help_now", p.read_text(encoding="utf-8")),
    }
    for name, read in optional_files.items():
        path = directory / name
        if not path.exists():
            content.notes.append(f"{name}: not found, skipped")
            continue
        try:
            read(path)
        except tomllib.TOMLDecodeError as error:
            problems.append(f"{name}: {error}")

    slugs = [page.slug for page in content.pages]
    problems.extend(f"pages: slug {slug!r} is used twice" for slug in sorted({s for s in slugs if slugs.count(s) > 1}))
    for page in content.pages:
        missing = [slug for slug in page.related if slug not in slugs]
        if missing:
            content.notes.append(f"pages/{page.slug}.md: related page(s) not found: {', '.join(missing)}")
    for option in content.care_options:
        if option.learn_more_slug and option.learn_more_slug not in slugs:
            content.notes.append(f"care option {option.care_option_id}: page {option.learn_more_slug!r} not found")
    if problems:
        raise ContentFormatError(problems)
    return content


# --- Loading --------------------------------------------------------------------------------------------------


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


class _Ledger:
    def __init__(self, force: bool):
        self.force = force
        self.loaded = set(LoadedInitialItem.objects.values_list("key", flat=True))

    def should_load(self, key: str) -> bool:
        return self.force or key not in self.loaded

    def record(self, key: str) -> None:
        if key not in self.loaded:
            LoadedInitialItem.objects.create(key=key)
            self.loaded.add(key)


def _groups(content: InitialContent) -> dict[str, PageGroup]:
    names = {page.group for page in content.pages}
    listed = [name for name in content.group_order if name in names]
    ordered = listed + sorted(names - set(listed))
    groups = {}
    for position, name in enumerate(ordered, start=1):
        groups[name], _ = PageGroup.objects.get_or_create(name=name, defaults={"order": position})
    return groups


def _fill_page(page: TreatmentPage, data: PageData, group: PageGroup) -> None:
    page.title, page.summary, page.group = data.title, data.summary, group
    page.body = markdown_to_html(data.body)
    page.review_interval_days = data.review_interval_days
    page.sources = [
        PageSource(title=s.title, publisher=s.publisher, url=s.url, accessed=s.accessed) for s in data.sources
    ]


def _load_pages(content: InitialContent, ledger: _Ledger, report: LoadReport) -> None:
    groups = _groups(content) if content.pages else {}
    index = ensure_index()
    position = {name: n for n, name in enumerate(groups)}
    loaded: list[tuple[TreatmentPage, PageData]] = []
    for data in sorted(content.pages, key=lambda p: (position[p.group], p.order, p.slug)):
        key = f"page:{data.slug}"
        existing = TreatmentPage.objects.filter(slug=data.slug).first()
        if not ledger.should_load(key) or (existing and not ledger.force):
            # Never loaded but already there means an editor made it: theirs wins.
            ledger.record(key)
            report.kept.append(key)
            continue
        page = existing or TreatmentPage(slug=data.slug, live=data.status == "published")
        _fill_page(page, data, groups[data.group])
        if existing is None:
            index.add_child(instance=page)  # in file order, which is the navigation order within a group
        loaded.append((page, data))
        ledger.record(key)
        (report.updated if existing else report.created).append(key)
    for page, data in loaded:  # after all pages exist, so related pages can point forwards
        by_slug = {p.slug: p for p in TreatmentPage.objects.filter(slug__in=data.related).exclude(pk=page.pk)}
        page.related_links = [RelatedPage(related=by_slug[slug]) for slug in data.related if slug in by_slug]
        revision = page.save_revision(log_action=True)
        if data.status == "published":
            revision.publish()


def _load_care_options(content: InitialContent, ledger: _Ledger, report: LoadReport) -> None:
    for data in content.care_options:
        key = f"care_option:{data.care_option_id}"
        existing = CareOptionText.objects.filter(care_option_id=data.care_option_id).first()
        if not ledger.should_load(key) or (existing and not ledger.force):
            ledger.record(key)
            report.kept.append(key)
            continue
        text = existing or CareOptionText(care_option_id=data.care_option_id)
        for name in ("title", "what_it_is", "what_it_involves", "how_long", "what_to_expect_first", "next_steps"):
            setattr(text, name, getattr(data, name))
        slug = data.learn_more_slug
        text.read_more = TreatmentPage.objects.filter(slug=slug).first() if slug else None
        text.save()
        text.questions.all().delete()
        CareOptionQuestion.objects.bulk_create(
            CareOptionQuestion(care_option=text, question=q, answer=a, order=n)
            for n, (q, a) in enumerate(data.questions, start=1)
        )
        ledger.record(key)
        (report.updated if existing else report.created).append(key)


def _load_site(content: InitialContent, ledger: _Ledger, report: LoadReport) -> None:
    if content.clinic is not None:
        existing = ClinicSettings.objects.first()
        if not ledger.should_load("clinic") or (existing and not ledger.force):
            report.kept.append("clinic")
        else:
            clinic = content.clinic
            ClinicSettings(
                clinic_name=clinic.name, phone=clinic.phone, opening_hours=clinic.opening_hours, email=clinic.email
            ).save()
            (report.updated if existing else report.created).append("clinic")
        ledger.record("clinic")
    for data in content.helplines:
        existing = Helpline.objects.filter(country=data.country, number=data.number).first()
        if not ledger.should_load(data.key) or (existing and not ledger.force):
            report.kept.append(data.key)
        else:
            helpline = existing or Helpline(country=data.country, number=data.number)
            helpline.name, helpline.how_to_use = data.name, data.how_to_use
            helpline.available, helpline.order = data.available, data.order
            helpline.save()
            (report.updated if existing else report.created).append(data.key)
        ledger.record(data.key)
    if content.help_now is not None:
        existing = HelpNowText.objects.first()
        if not ledger.should_load("help_now") or (existing and not ledger.force):
            report.kept.append("help_now")
        else:
            HelpNowText(body=content.help_now).save()
            (report.updated if existing else report.created).append("help_now")
        ledger.record("help_now")


@transaction.atomic
def load_initial(content: InitialContent, *, force: bool = False) -> LoadReport:
    report = LoadReport()
    ledger = _Ledger(force)
    _load_pages(content, ledger, report)
    _load_care_options(content, ledger, report)
    _load_site(content, ledger, report)
    return report

"""Factories for the content app. Treatment pages are created under the /pages/ index, as the CMS does."""

import datetime

import factory

from content.models import (
    CareOptionQuestion,
    CareOptionText,
    Helpline,
    PageGroup,
    PageSource,
    RelatedPage,
    TreatmentIndexPage,
    TreatmentPage,
)


class PageGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PageGroup
        django_get_or_create = ("name",)

    name = "Treatment options"


class TreatmentPageFactory(factory.django.DjangoModelFactory):
    """A page as an editor makes it; ``live=False`` for a draft. ``sources`` (a number) adds that many sources,
    ``related`` a list of pages."""

    class Meta:
        model = TreatmentPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    summary = "A short summary."
    body = "<h2>About</h2><p>Plain words [1].</p>"
    group = factory.SubFactory(PageGroupFactory)
    live = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = model_class(*args, **kwargs)
        TreatmentIndexPage.objects.get().add_child(instance=page)
        return page

    @factory.post_generation
    def sources(page, create, count, **kwargs):
        for n in range(count or 0):
            PageSourceFactory(page=page, sort_order=n)

    @factory.post_generation
    def related(page, create, pages, **kwargs):
        for n, other in enumerate(pages or ()):
            RelatedPage.objects.create(page=page, related=other, sort_order=n)


class PageSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PageSource

    page = factory.SubFactory(TreatmentPageFactory)
    title = factory.Sequence(lambda n: f"Source {n}")
    publisher = "SAMHSA"
    url = factory.Sequence(lambda n: f"https://www.samhsa.gov/source-{n}")
    accessed = datetime.date(2026, 11, 1)


class CareOptionTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareOptionText

    care_option_id = "mat_buprenorphine"
    title = "Buprenorphine"
    what_it_is = "A medicine."
    what_it_involves = "A daily film."
    how_long = "No set end date."
    what_to_expect_first = "A first visit."
    next_steps = "Your counselor helps."


class CareOptionQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareOptionQuestion

    care_option = factory.SubFactory(CareOptionTextFactory)
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "An answer."
    order = factory.Sequence(lambda n: n)


class HelplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Helpline

    name = "Crisis Text Line"
    number = "741741"
    how_to_use = "Text HOME"
    available = "24/7"

"""Factories for the content app."""

import datetime

import factory

from content.models import CareOptionQuestion, CareOptionText, Helpline, Page, PageGroup, Source


class PageGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PageGroup
        django_get_or_create = ("name",)

    name = "Treatment options"


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    summary = "A short summary."
    body = "## About\n\nPlain words [1]."
    status = Page.Status.PUBLISHED
    group = factory.SubFactory(PageGroupFactory)
    reviewer_name = "Dr Ada Reviewer"
    reviewer_credentials = "MD, addiction medicine"
    last_reviewed = datetime.date(2026, 10, 1)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    page = factory.SubFactory(PageFactory)
    title = factory.Sequence(lambda n: f"Source {n}")
    publisher = "SAMHSA"
    url = factory.Sequence(lambda n: f"https://www.samhsa.gov/source-{n}")
    accessed = datetime.date(2026, 11, 1)
    order = factory.Sequence(lambda n: n)


class CareOptionTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareOptionText

    care_option_id = "mat_buprenorphine"
    title = "Buprenorphine"
    what_it_is = "A medicine."
    what_it_involves = "A daily film."
    how_long = "No set end date."
    what_to_expect_first = "A first visit."
    next_steps = "Your counsellor helps."


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

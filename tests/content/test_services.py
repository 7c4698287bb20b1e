"""content.services.care_option_texts: what the intake results page reads."""

import pytest

from content.services import care_option_texts
from tests.content.factories import CareOptionQuestionFactory, CareOptionTextFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db


def test_care_option_texts_returns_the_texts_for_the_ids_asked_keyed_by_id():
    CareOptionTextFactory(care_option_id="mat_methadone", title="Methadone")
    CareOptionTextFactory(care_option_id="aftercare", title="Aftercare")
    CareOptionTextFactory(care_option_id="outpatient", title="Outpatient care")

    texts = care_option_texts(["mat_methadone", "aftercare", "inpatient_stay"])

    assert sorted(texts) == ["aftercare", "mat_methadone"]
    assert texts["mat_methadone"].title == "Methadone"


def test_care_option_texts_reflects_an_editors_change():
    text = CareOptionTextFactory(care_option_id="mat_naltrexone", what_it_is="Old wording.")
    assert care_option_texts(["mat_naltrexone"])["mat_naltrexone"].what_it_is == "Old wording."

    text.what_it_is = "New wording from the editor."
    text.save()

    assert care_option_texts(["mat_naltrexone"])["mat_naltrexone"].what_it_is == "New wording from the editor."


def test_care_option_texts_loads_questions_in_order_and_the_page_in_two_queries(django_assert_num_queries):
    page = TreatmentPageFactory(slug="aftercare-and-support")
    text = CareOptionTextFactory(care_option_id="aftercare", read_more=page)
    CareOptionQuestionFactory(care_option=text, question="Second?", order=2)
    CareOptionQuestionFactory(care_option=text, question="First?", order=1)

    with django_assert_num_queries(2):
        loaded = care_option_texts(iter(["aftercare"]))["aftercare"]
        questions = [q.question for q in loaded.questions.all()]
        page = loaded.learn_more_page

    assert questions == ["First?", "Second?"]
    assert page.slug == "aftercare-and-support"


def test_learn_more_page_is_hidden_while_the_page_is_a_draft():
    CareOptionTextFactory(care_option_id="outpatient", read_more=TreatmentPageFactory(live=False))
    assert care_option_texts(["outpatient"])["outpatient"].learn_more_page is None


def test_no_ids_no_texts():
    CareOptionTextFactory()
    assert care_option_texts([]) == {}

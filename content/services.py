"""What other apps read from the content app."""

from collections.abc import Iterable

from content.models import CareOptionText


def care_option_texts(ids: Iterable[str]) -> dict[str, CareOptionText]:
    """The editable texts for these care option ids, keyed by id, with their common questions and learn-more page
    loaded (two queries). An id without a text is simply absent: the caller shows the option without one.

    Use ``text.questions.all()`` for the questions (in order) and ``text.learn_more_page`` for the page to link,
    which is ``None`` unless that page is published.
    """
    texts = (
        CareOptionText.objects.filter(care_option_id__in=list(ids))
        .select_related("learn_more")
        .prefetch_related("questions")
    )
    return {text.care_option_id: text for text in texts}

"""What other apps read from the content app."""

from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe

from content.models import CareOptionText, HelpNowText


def care_option_texts(ids: Iterable[str]) -> dict[str, CareOptionText]:
    """The editable texts for these care option ids, keyed by id, with their common questions and learn-more page
    loaded (two queries). An id without a text is simply absent: the caller shows the option without one.

    Use ``text.questions.all()`` for the questions (in order) and ``text.learn_more_page`` for the page to link,
    which is ``None`` unless that page is published.
    """
    texts = (
        CareOptionText.objects.filter(care_option_id__in=list(ids), live=True)
        .select_related("read_more")
        .prefetch_related("questions")
    )
    return {text.care_option_id: text for text in texts}


def help_now_html() -> SafeString:
    """The editable guidance for the "Get help now" page as sanitised HTML, or "" when there is none. Show it
    below the page's fixed crisis numbers, never instead of them."""
    text = HelpNowText.objects.filter(live=True).first()
    # Sanitised by content.rendering when it was saved.
    return mark_safe(text.body_html if text else "")  # noqa: S308 (sanitised with nh3 when saved)

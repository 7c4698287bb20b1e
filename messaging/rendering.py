"""What each message says: plain-text templates in ``messaging/message_templates/<kind>/`` and their context.

Messages to the person are discreet: they name a neutral sender, the person's first name if given and a number to
call, and nothing else — no clinic type, no drug or clinical word, no health detail (``tests/messaging`` renders
every template against a list of forbidden words). Staff messages carry a case reference and a link to the staff
pages, never the person's details, because e-mail shows up on lock screens and in shared inboxes.

Templates are rendered at send time, so nothing rendered is ever stored.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template import Context, Engine
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format

from messaging.models import Message

# Apart from the web templates: rendered by their own engine, as plain text, nothing HTML-escaped ("O'Brien" stays
# "O'Brien").
TEMPLATE_DIR = Path(__file__).resolve().parent / "message_templates"
_engine = Engine(dirs=[str(TEMPLATE_DIR)], autoescape=False)

# kind → channel → template names (relative to TEMPLATE_DIR)
TEMPLATES: dict[str, dict[str, dict[str, str]]] = {
    kind: {
        Message.Channel.EMAIL: {
            "subject": f"{kind}/email_subject.txt",
            "body": f"{kind}/email_body.txt",
        },
        **({Message.Channel.SMS: {"body": f"{kind}/sms.txt"}} if kind in Message.PERSON_KINDS else {}),
    }
    for kind in Message.Kind.values
}


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def case_path(case) -> str:
    """The staff page for a case; the queue if the case page can't be resolved."""
    try:
        return reverse("staff:case", args=[case.reference])
    except NoReverseMatch:
        return reverse("staff:queue")


def case_link(case) -> str:
    return absolute(case_path(case))


def _local(moment) -> str:
    return date_format(timezone.localtime(moment), "D, M j, g:i A") if moment else ""


def context_for(message: Message) -> dict:
    context = {"sender_name": settings.MESSAGING_SENDER_NAME, "callback_number": settings.MESSAGING_CALLBACK_NUMBER}
    case = message.case
    if message.for_person:
        context["first_name"] = (case.first_name or "").strip()
    elif case is not None:
        context.update(
            reference=case.reference,
            priority=case.get_urgency_display(),
            due=_local(case.due_at),
            url=case_link(case),
        )
    context.update(message.context)
    if message.kind == Message.Kind.CONTENT_REVIEW:
        context["links"] = [absolute(path) for path in message.context.get("paths", [])]
    return context


def render_template(name: str, context: dict) -> str:
    return _engine.get_template(name).render(Context(context)).strip()


def render(message: Message, channel: str | None = None) -> Rendered:
    names = TEMPLATES[message.kind][channel or message.channel]
    context = context_for(message)
    subject = " ".join(render_template(names["subject"], context).split()) if "subject" in names else ""
    return Rendered(subject=subject, body=render_template(names["body"], context) + "\n")

"""The staff retry action at /staff/messages/<id>/retry/."""

import pytest
from django.urls import reverse

from messaging import services
from messaging.models import Message
from messaging.sms import PermanentSendError
from referrals.models import AuditEvent
from tests import two_factor
from tests.jobs.support import texting_case
from tests.messaging.backends import MemorySMSBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_message():
    MemorySMSBackend.fail_with = PermanentSendError("the phone number can't be used for texts")
    case = texting_case()
    message = services.queue_for_person(case, Message.Kind.CONFIRMATION, key=f"confirmation:case:{case.pk}")
    services.deliver(message.pk)
    MemorySMSBackend.fail_with = None
    message.refresh_from_db()
    assert message.status == "failed"
    return message


def url(message):
    return reverse("staff:message-retry", args=[message.pk])


def test_a_counsellor_retries_a_failed_message_and_returns_to_the_case(
    client, counsellor, failed_message, sms_outbox, django_capture_on_commit_callbacks
):
    two_factor.sign_in(client, counsellor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(failed_message))
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:case", args=[failed_message.case.reference])
    failed_message.refresh_from_db()
    assert failed_message.status == "sent"
    assert len(sms_outbox) == 1
    retried = AuditEvent.objects.get(action=AuditEvent.Action.MESSAGE_RETRIED)
    assert (retried.actor, retried.case_reference) == (counsellor, failed_message.case.reference)


def test_retrying_a_message_that_is_not_failed_changes_nothing(client, counsellor, failed_message):
    Message.objects.filter(pk=failed_message.pk).update(status="sent")
    two_factor.sign_in(client, counsellor)
    response = client.post(url(failed_message))
    assert response.status_code == 302
    failed_message.refresh_from_db()
    assert failed_message.status == "sent"


def test_retry_is_post_only(client, counsellor, failed_message):
    two_factor.sign_in(client, counsellor)
    assert client.get(url(failed_message)).status_code == 405


def test_retry_needs_a_signed_in_counsellor(client, content_editor, failed_message):
    assert client.post(url(failed_message)).status_code == 302  # to the sign-in page
    two_factor.sign_in(client, content_editor)
    assert client.post(url(failed_message)).status_code == 403
    failed_message.refresh_from_db()
    assert failed_message.status == "failed"


def test_staff_messages_without_a_case_cannot_be_retried_here(client, counsellor):
    message = Message.objects.create(key="content-review:x", kind="content_review", channel="email", status="failed",
                                     to_address="editor@example.org", next_attempt_at="2026-01-01T00:00Z")
    two_factor.sign_in(client, counsellor)
    assert client.post(url(message)).status_code == 404


def render_panel(case, user):
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load messaging_tags %}{% case_messages case %}").render(
        Context({"case": case, "request": request, "csrf_token": "token"})
    )


def test_the_case_page_panel_shows_each_message_with_its_status_and_a_retry_button(counsellor, failed_message):
    sent = services.queue_for_person(failed_message.case, Message.Kind.CHECK_IN, key="check-in:x")
    services.deliver(sent.pk)
    html = render_panel(failed_message.case, counsellor)
    assert "Failed: the phone number can&#x27;t be used for texts" in html
    assert "Check-in message" in html and ">Sent <span" in html
    assert html.count('action="/staff/messages/') == 1
    assert f'action="{url(failed_message)}"' in html
    assert failed_message.case.phone not in html  # no personal data in the panel


def test_the_panel_offers_no_retry_without_permission(content_editor, failed_message):
    html = render_panel(failed_message.case, content_editor)
    assert "Failed:" in html and "Send again" not in html


def test_the_panel_says_when_a_held_message_will_go(counsellor, settings):
    from tests.jobs.support import quiet_hours_around_now

    settings.MESSAGING_QUIET_HOURS = quiet_hours_around_now()
    case = texting_case()
    services.queue_for_person(case, Message.Kind.CONFIRMATION, key="confirmation:held")
    assert "Queued <span class=\"muted\">(next try" in render_panel(case, counsellor)

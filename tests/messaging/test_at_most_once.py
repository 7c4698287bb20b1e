"""Messages to people go at most once: a send is committed as "sending" before the provider is asked, and one found
"sending" whose worker died is "delivery unknown", shown for a person to decide, never sent again by itself.
Staff alerts go at least once. (tests/jobs/test_at_most_once.py kills a real worker mid-call.)"""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from messaging import services
from messaging.models import Message
from tests.jobs.support import texting_case
from tests.two_factor import sign_in

pytestmark = pytest.mark.django_db


def interrupted(message: Message, seconds_ago: int = 300) -> Message:
    """As a worker that died mid-call leaves it: committed "sending", one attempt counted, nobody holding it."""
    Message.objects.filter(pk=message.pk).update(
        status="sending", attempts=1, next_attempt_at=timezone.now() - timedelta(seconds=seconds_ago)
    )
    return message


def confirmation():
    case = texting_case()
    return services.queue_for_person(case, Message.Kind.CONFIRMATION, key=f"confirmation:case:{case.pk}")


def staff_alert():
    with transaction.atomic():
        return services.queue(key="alert:1", kind=Message.Kind.URGENT_ALERT, channel=Message.Channel.EMAIL,
                              case=texting_case(), to_address="oncall@example.org")


def test_a_message_to_a_person_found_sending_is_delivery_unknown_and_never_sent_again(sms_outbox):
    message = interrupted(confirmation())
    assert services.deliver(message.pk).status == "unknown"
    assert services.deliver(message.pk).status == "unknown"
    assert services.sweep() == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("unknown", 1)
    assert message.status_text.startswith("Delivery unknown: the send was interrupted")
    assert message.can_retry
    assert message.case.events.filter(summary__startswith="Confirmation: delivery unknown").exists()
    assert sms_outbox == []


def test_a_staff_alert_found_sending_is_sent_again(mailoutbox):
    message = interrupted(staff_alert())
    assert services.deliver(message.pk).status == "sent"
    assert [email.to for email in mailoutbox] == [["oncall@example.org"]]
    assert Message.objects.get(pk=message.pk).attempts == 2


def test_the_sweep_settles_interrupted_sends(monkeypatch):
    published = []
    monkeypatch.setattr(services, "publish", lambda ids: published.extend(ids) or True)
    person, alert = interrupted(confirmation()), interrupted(staff_alert())
    fresh = interrupted(confirmation(), seconds_ago=0)  # began just now: not judged yet
    services.sweep()
    statuses = dict(Message.objects.values_list("pk", "status"))
    assert (statuses[person.pk], statuses[alert.pk], statuses[fresh.pk]) == ("unknown", "queued", "sending")
    assert published == [alert.pk]


@pytest.mark.django_db(transaction=True)
def test_a_send_in_progress_is_left_to_its_worker(sms_outbox):
    message = interrupted(confirmation())
    locked, release = threading.Event(), threading.Event()

    def live_sender():  # a worker in the middle of the provider call holds the row's lock
        with transaction.atomic():
            Message.objects.select_for_update().get(pk=message.pk)
            locked.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=live_sender)
    thread.start()
    try:
        assert locked.wait(10)
        assert services.deliver(message.pk).status == "skipped"
        services.sweep()
        assert Message.objects.get(pk=message.pk).status == "sending"
    finally:
        release.set()
        thread.join()


def test_staff_see_delivery_unknown_on_the_case_and_may_send_it_again(
    client, counsellor, sms_outbox, django_capture_on_commit_callbacks
):
    sign_in(client, counsellor)
    message = interrupted(confirmation())
    services.deliver(message.pk)
    page = client.get(f"/staff/cases/{message.case.reference}/").content.decode()
    assert f'data-message="{message.pk}" data-status="unknown"' in page
    assert "Delivery unknown: the send was interrupted" in page
    assert f'action="/staff/messages/{message.pk}/retry/"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/messages/{message.pk}/retry/")
    assert Message.objects.get(pk=message.pk).status == "sent"  # a person decided
    assert [text["key"] for text in sms_outbox] == [f"outbox-{message.pk}"]


def test_the_supervisor_view_lists_messages_with_delivery_unknown(client, supervisor):
    sign_in(client, supervisor)
    unknown, other = interrupted(confirmation()), confirmation()
    services.deliver(unknown.pk)
    page = client.get("/staff/supervisor/").content.decode()
    assert "Messages with delivery unknown" in page
    assert f'data-message="{unknown.pk}"' in page and f'data-message="{other.pk}"' not in page
    assert f'href="/staff/cases/{unknown.case.reference}/#messages"' in page

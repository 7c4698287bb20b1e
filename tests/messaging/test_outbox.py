"""The outbox: queued with the event, sent once, retried with backoff, re-driven by the sweep, retried by staff."""

import smtplib
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.roles import COUNSELLORS
from messaging import services
from messaging.models import Message
from messaging.sms import PermanentSendError, TransientSendError
from referrals.cases import ContactDetails, open_case
from referrals.models import CaseEvent
from tests.jobs.support import emailing_case, quiet_hours_around_now, staff, texting_case
from tests.messaging.backends import MemorySMSBackend

pytestmark = pytest.mark.django_db

TEXTER = ContactDetails(
    first_name="Sam", phone="(555) 010-0199", preferred_method="text", text_safe=True, consent_contact=True
)


def open_callback(urgency="routine", contact=TEXTER):
    return open_case(source="callback", urgency=urgency, contact=contact)


def timeline(case, kind=CaseEvent.Kind.MESSAGE):
    return list(case.events.filter(kind=kind).values_list("summary", flat=True))


@pytest.fixture
def published(monkeypatch):
    """Record what is handed to the worker instead of running it."""
    handed = []
    monkeypatch.setattr(services, "publish", lambda ids: handed.extend(ids) or True)
    return handed


# --- Queued with the event ----------------------------------------------------------------------------------------


def test_opening_a_case_queues_the_confirmation_in_the_same_transaction(published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case = open_callback()
        message = Message.objects.get(case=case)
        assert published == []  # nothing reaches the broker before the commit
    assert len(callbacks) == 1
    assert published == [message.pk]
    assert (message.kind, message.channel, message.status) == ("confirmation", "sms", "queued")
    assert message.key == f"confirmation:case:{case.pk}"
    assert message.to_address == "" and message.context == {}  # no personal data in the outbox row
    assert timeline(case) == ["Confirmation queued (text message)"]


def test_a_rolled_back_submission_leaves_no_message(published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        open_callback()
        raise RuntimeError("the intake failed after the case was opened")
    assert Message.objects.count() == 0
    assert published == []


def test_the_confirmation_is_delivered_after_commit(django_capture_on_commit_callbacks, sms_outbox):
    with django_capture_on_commit_callbacks(execute=True):
        case = open_callback()
    message = Message.objects.get(case=case)
    assert message.status == "sent" and message.attempts == 1 and message.sent_at is not None
    assert [sms["key"] for sms in sms_outbox] == [f"outbox-{message.pk}"]
    assert sms_outbox[0]["to"] == "(555) 010-0199"
    assert timeline(case)[-1] == "Confirmation sent (text message)"


def test_no_consent_means_no_message_and_the_timeline_says_why(published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = open_callback(contact=ContactDetails(phone="555-0100", preferred_method="text", text_safe=True))
    assert not Message.objects.exists()
    assert timeline(case) == ["Confirmation not sent: no consent to contact"]


def test_quiet_hours_hold_the_confirmation_instead_of_dropping_it(
    settings, published, django_capture_on_commit_callbacks
):
    settings.MESSAGING_QUIET_HOURS = quiet_hours_around_now()
    with django_capture_on_commit_callbacks(execute=True):
        case = open_callback()
    message = Message.objects.get(case=case)
    assert message.status == "queued"
    assert timezone.now() + timedelta(minutes=59) < message.next_attempt_at <= timezone.now() + timedelta(hours=1)
    assert published == []  # not handed over now; the sweep picks it up when the quiet hours end
    assert "held until" in timeline(case)[0] and "(quiet hours)" in timeline(case)[0]


@pytest.mark.parametrize(("urgency", "alerted"), [("emergency", True), ("urgent", True), ("soon", False),
                                                  ("routine", False)])
def test_emergency_and_urgent_cases_alert_on_call_at_once(urgency, alerted, django_capture_on_commit_callbacks,
                                                          mailoutbox):
    on_call = staff("On call", email="oncall@example.org")
    staff(COUNSELLORS, email="other@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        case = open_callback(urgency=urgency)
    alerts = Message.objects.filter(case=case, kind="urgent_alert")
    if not alerted:
        assert not alerts.exists() and mailoutbox == []
        return
    assert [(m.to_user, m.status) for m in alerts] == [(on_call, "sent")]
    assert [m.to for m in mailoutbox] == [["oncall@example.org"]]
    assert case.reference in mailoutbox[0].subject
    assert "On-call alerted by email (1 recipient)" in timeline(case)


def test_with_nobody_on_call_every_counsellor_is_alerted(django_capture_on_commit_callbacks, mailoutbox):
    staff(COUNSELLORS, email="a@example.org")
    staff(COUNSELLORS, email="b@example.org")
    staff(COUNSELLORS, email="")  # no address: skipped
    staff(COUNSELLORS, email="gone@example.org", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        open_callback(urgency="emergency")
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "b@example.org"]


def test_configured_on_call_addresses_win(settings, django_capture_on_commit_callbacks, mailoutbox):
    settings.ON_CALL_ALERT_EMAILS = ["pager@example.org"]
    staff("On call", email="oncall@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        open_callback(urgency="urgent")
    assert [m.to for m in mailoutbox] == [["pager@example.org"]]


def test_an_urgent_case_with_nobody_to_alert_says_so_on_the_timeline(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = open_callback(urgency="emergency")
    assert "On-call alert not sent: nobody on call has an email address" in timeline(case)


def test_queueing_the_same_key_twice_queues_one_message():
    case = texting_case()
    first = services.queue_for_person(case, Message.Kind.CONFIRMATION, key=f"confirmation:case:{case.pk}")
    second = services.queue_for_person(case, Message.Kind.CONFIRMATION, key=f"confirmation:case:{case.pk}")
    assert first is not None and second is None
    assert Message.objects.count() == 1


# --- Sent once ------------------------------------------------------------------------------------------------------


def queued(case, kind=Message.Kind.CONFIRMATION):
    return services.queue_for_person(case, kind, key=f"{kind}:case:{case.pk}")


def test_delivering_twice_sends_once(sms_outbox):
    message = queued(texting_case())
    assert services.deliver(message.pk).status == "sent"
    assert services.deliver(message.pk).status == "skipped"
    assert len(sms_outbox) == 1


def test_email_goes_from_the_neutral_sender_with_a_stable_message_id(mailoutbox, settings):
    settings.MESSAGING_FROM_EMAIL = "Riverside Partners <no-reply@example.org>"
    message = queued(emailing_case())
    services.deliver(message.pk)
    (email,) = mailoutbox
    assert email.from_email == "Riverside Partners <no-reply@example.org>"
    assert email.to == ["sam@example.net"]
    assert email.extra_headers["Message-ID"].startswith(f"<outbox-{message.pk}-")
    assert email.extra_headers["Message-ID"].endswith("@example.org>")
    message.refresh_from_db()
    assert message.provider_ref == email.extra_headers["Message-ID"]


def test_consent_withdrawn_after_queueing_cancels_the_message(sms_outbox):
    case = texting_case()
    message = queued(case)
    case.consent_contact = False
    case.save()
    assert services.deliver(message.pk).status == "cancelled"
    message.refresh_from_db()
    assert (message.status, message.last_error) == ("cancelled", "no consent to contact")
    assert sms_outbox == []
    assert timeline(case)[-1] == "Confirmation not sent: no consent to contact"


def test_a_channel_marked_unsafe_after_queueing_cancels_the_message(sms_outbox):
    case = texting_case()
    message = queued(case)
    case.text_safe = False
    case.save()
    assert services.deliver(message.pk).status == "cancelled"
    assert sms_outbox == []


def test_the_latest_safe_channel_is_used_at_send_time(mailoutbox, sms_outbox):
    case = texting_case(email="sam@example.net")
    message = queued(case)
    case.preferred_method = "email"
    case.save()
    services.deliver(message.pk)
    message.refresh_from_db()
    assert message.channel == "email" and len(mailoutbox) == 1 and sms_outbox == []


def test_a_message_due_in_quiet_hours_is_deferred_not_sent(settings, sms_outbox):
    message = queued(texting_case())
    settings.MESSAGING_QUIET_HOURS = quiet_hours_around_now()
    assert services.deliver(message.pk).status == "deferred"
    message.refresh_from_db()
    assert message.status == "queued" and message.attempts == 0
    assert message.next_attempt_at > timezone.now() + timedelta(minutes=59)
    assert sms_outbox == []


def test_staff_alerts_are_not_held_by_quiet_hours(settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.MESSAGING_QUIET_HOURS = quiet_hours_around_now()
    staff("On call", email="oncall@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        case = open_callback(urgency="emergency")
    assert Message.objects.get(case=case, kind="urgent_alert").status == "sent"
    assert Message.objects.get(case=case, kind="confirmation").status == "queued"


# --- Retries ------------------------------------------------------------------------------------------------------


def test_a_transient_error_is_retried_with_backoff():
    MemorySMSBackend.fail_with = TransientSendError("text provider unreachable (TimeoutError)")
    message = queued(texting_case())
    before = timezone.now()
    outcome = services.deliver(message.pk)
    assert outcome.status == "retry" and 15 <= outcome.retry_in <= 30
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 1)
    assert message.last_error == "text provider unreachable (TimeoutError)"
    assert before + timedelta(seconds=15) <= message.next_attempt_at <= timezone.now() + timedelta(seconds=30)


def test_retries_stop_after_the_maximum_and_the_failure_is_on_the_timeline(settings):
    settings.MESSAGING_MAX_ATTEMPTS = 3
    MemorySMSBackend.fail_with = TransientSendError("text provider refused it (HTTP 503)")
    case = texting_case()
    message = queued(case)
    assert [services.deliver(message.pk).status for _ in range(3)] == ["retry", "retry", "failed"]
    message.refresh_from_db()
    assert message.status == "failed" and message.attempts == 3
    assert message.last_error == "text provider refused it (HTTP 503); gave up after 3 tries"
    assert timeline(case)[-1] == "Confirmation failed: text provider refused it (HTTP 503); gave up after 3 tries"


def test_a_permanent_error_fails_at_once():
    MemorySMSBackend.fail_with = PermanentSendError("the phone number can't be used for texts")
    message = queued(texting_case())
    assert services.deliver(message.pk).status == "failed"
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (
        "failed", 1, "the phone number can't be used for texts"
    )


def test_an_unexpected_error_sending_to_a_person_leaves_delivery_unknown_without_leaking_its_text():
    MemorySMSBackend.fail_with = ValueError("sam@example.net said no")
    message = queued(texting_case())
    assert services.deliver(message.pk).status == "unknown"  # it may have gone: never sent again by itself
    message.refresh_from_db()
    assert (message.status, message.last_error) == ("unknown", "unexpected error (ValueError)")
    assert services.deliver(message.pk).status == "unknown"
    assert message.case.events.filter(summary="Confirmation: delivery unknown (unexpected error (ValueError))").exists()


def test_an_unexpected_error_sending_a_staff_alert_is_retried(failing_email):
    failing_email.error = ValueError("oncall@example.org said no")
    with transaction.atomic():
        message = services.queue(key="alert:1", kind=Message.Kind.URGENT_ALERT, channel=Message.Channel.EMAIL,
                                 to_address="oncall@example.org")
    assert services.deliver(message.pk).status == "retry"
    message.refresh_from_db()
    assert (message.status, message.last_error) == ("queued", "unexpected error (ValueError)")


@pytest.mark.parametrize(
    ("error", "outcome", "reason"),
    [
        (smtplib.SMTPRecipientsRefused({"sam@example.net": (550, b"no")}), "failed",
         "the mail server refused the address"),
        (smtplib.SMTPDataError(554, b"rejected"), "failed", "the mail server answered 554"),
        (smtplib.SMTPDataError(451, b"try later"), "retry", "the mail server answered 451"),
        (smtplib.SMTPAuthenticationError(535, b"bad login"), "retry", "the mail server answered 535"),
        (smtplib.SMTPServerDisconnected("gone"), "retry", "mail server unreachable (SMTPServerDisconnected)"),
        (ConnectionRefusedError(111, "refused"), "retry", "mail server unreachable (ConnectionRefusedError)"),
    ],
)
def test_email_errors_are_sorted_into_permanent_and_transient(failing_email, error, outcome, reason):
    failing_email.error = error
    message = queued(emailing_case())
    assert services.deliver(message.pk).status == outcome
    message.refresh_from_db()
    assert message.last_error.startswith(reason)
    assert "sam@example.net" not in message.last_error


def test_backoff_doubles_with_jitter_and_is_capped():
    for attempts, ceiling in [(1, 30), (2, 60), (3, 120), (5, 480), (6, 600), (12, 600)]:
        samples = {services.backoff(attempts) for _ in range(50)}
        assert all(ceiling // 2 <= s <= ceiling for s in samples)
        assert len(samples) > 1  # jitter


# --- The sweep ----------------------------------------------------------------------------------------------------


def test_the_sweep_hands_over_only_queued_messages_left_untouched(published):
    now = timezone.now()
    stuck = queued(texting_case())
    fresh = queued(texting_case())
    done = queued(texting_case())
    Message.objects.filter(pk__in=[stuck.pk, done.pk]).update(next_attempt_at=now - timedelta(minutes=3))
    Message.objects.filter(pk=done.pk).update(status="sent")
    assert services.sweep(now) == 1
    assert published == [stuck.pk]
    stuck.refresh_from_db()
    assert stuck.next_attempt_at == now  # left alone for another grace period
    assert services.sweep(now + timedelta(seconds=60)) == 0
    # Two minutes on, the first one again, and the fresh one, untouched since it was queued.
    assert services.sweep(now + timedelta(seconds=121)) == 2
    assert sorted(published[1:]) == sorted([stuck.pk, fresh.pk])


def test_the_sweep_sends_deferred_messages_once_quiet_hours_are_over(sms_outbox):
    message = queued(texting_case())
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now() - timedelta(minutes=5))
    assert services.sweep() == 1
    message.refresh_from_db()
    assert message.status == "sent" and len(sms_outbox) == 1


def test_the_sweep_works_in_chunks_and_stops_while_the_broker_is_down(monkeypatch):
    for _ in range(5):
        queued(texting_case())
    Message.objects.update(next_attempt_at=timezone.now() - timedelta(hours=1))
    calls = []
    monkeypatch.setattr(services, "publish", lambda ids: calls.append(list(ids)) or False)
    assert services.sweep(chunk_size=2) == 0
    assert len(calls) == 1 and len(calls[0]) == 2  # gave up after the first chunk


def test_publish_survives_a_broker_outage(monkeypatch, caplog):
    from messaging.tasks import deliver

    message = queued(texting_case())

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(deliver, "delay", refuse)
    assert services.publish([message.pk]) is False
    assert "the outbox sweep will retry" in caplog.text
    message.refresh_from_db()
    assert message.status == "queued"


# --- Staff: status and retry --------------------------------------------------------------------------------------


def test_messages_for_a_case_show_status_with_the_reason():
    MemorySMSBackend.fail_with = PermanentSendError("the phone number can't be used for texts")
    case = texting_case()
    message = queued(case)
    services.deliver(message.pk)
    (listed,) = services.messages_for(case)
    assert listed.status_text == "Failed: the phone number can't be used for texts"
    assert listed.can_retry


def test_retry_queues_a_failed_message_again_and_sends_it(counsellor, sms_outbox, django_capture_on_commit_callbacks):
    MemorySMSBackend.fail_with = PermanentSendError("the phone number can't be used for texts")
    case = texting_case()
    message = queued(case)
    services.deliver(message.pk)
    MemorySMSBackend.fail_with = None
    with django_capture_on_commit_callbacks(execute=True):
        assert services.retry(message, by=counsellor) is True
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 1 and message.last_error == ""
    assert len(sms_outbox) == 1
    retried = case.events.get(summary="Confirmation queued again")
    assert retried.actor == counsellor


def test_only_a_failed_message_can_be_retried(counsellor):
    message = queued(texting_case())
    assert services.retry(message, by=counsellor) is False
    services.deliver(message.pk)
    message.refresh_from_db()
    assert services.retry(message, by=counsellor) is False
    assert message.status == "sent"

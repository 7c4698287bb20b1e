"""Follow-up check-ins: who is due, dispatched once, into the queue, with a discreet message where consented."""

from datetime import timedelta

import pytest
from django.utils import timezone

from messaging.models import Message
from referrals import followups
from referrals.checkins import dispatch_due_check_ins, due_check_ins
from referrals.models import CaseEvent, FollowUp
from tests.factories import CaseFactory
from tests.jobs.support import FollowUpFactory, quiet_hours_around_now

pytestmark = pytest.mark.django_db


def test_due_means_an_automatic_check_in_pending_past_its_time_and_not_dispatched():
    now = timezone.now()
    due = FollowUpFactory()
    FollowUpFactory(due_at=now + timedelta(minutes=5))  # not yet
    FollowUpFactory(check_in_day=None, reason="Call about the referral")  # a counsellor's own follow-up
    FollowUpFactory(dispatched_at=now - timedelta(minutes=1))  # already dispatched
    FollowUpFactory(status=FollowUp.Status.DONE)
    FollowUpFactory(status=FollowUp.Status.CANCELLED)
    FollowUpFactory(case=CaseFactory(anonymised_at=now))
    assert list(due_check_ins(now)) == [due]


def test_a_due_check_in_is_dispatched_once_with_a_message(committed, sms_outbox):
    follow_up = FollowUpFactory()
    assert committed(dispatch_due_check_ins) == 1
    assert committed(dispatch_due_check_ins) == 0
    follow_up.refresh_from_db()
    assert follow_up.dispatched_at is not None and follow_up.status == FollowUp.Status.PENDING
    message = Message.objects.get()
    assert (message.kind, message.key, message.status) == ("check_in", f"check-in:follow-up:{follow_up.pk}", "sent")
    assert len(sms_outbox) == 1
    summaries = list(follow_up.case.events.values_list("kind", "summary"))
    assert (CaseEvent.Kind.FOLLOW_UP, "Check-in due (day 7): added to the queue") in summaries
    assert (CaseEvent.Kind.MESSAGE, "Check-in message sent (text message)") in summaries


def test_a_dispatched_check_in_is_in_the_counsellor_queue():
    follow_up = FollowUpFactory(due_at=timezone.now() + timedelta(seconds=1))
    dispatch_due_check_ins(timezone.now() + timedelta(seconds=2))
    assert follow_up in followups.due(timezone.now())


def test_no_consent_or_no_safe_channel_means_the_queue_item_without_a_message(committed, sms_outbox):
    no_consent = FollowUpFactory(case=CaseFactory(consent_contact=False, preferred_method="text", text_safe=True))
    unsafe = FollowUpFactory(case=CaseFactory(preferred_method="text", text_safe=False))
    assert committed(dispatch_due_check_ins) == 2
    assert not Message.objects.exists() and sms_outbox == []
    assert FollowUp.objects.filter(dispatched_at__isnull=False).count() == 2
    assert no_consent.case.events.filter(summary="Check-in message not sent: no consent to contact").exists()
    assert unsafe.case.events.filter(summary="Check-in message not sent: texts not marked safe").exists()


def test_email_check_ins_go_by_email(committed, mailoutbox):
    FollowUpFactory(case=CaseFactory(preferred_method="email", email="sam@example.net"))
    committed(dispatch_due_check_ins)
    assert [m.to for m in mailoutbox] == [["sam@example.net"]]
    assert mailoutbox[0].subject == "Checking in"


def test_check_ins_due_in_quiet_hours_are_dispatched_but_the_message_is_held(settings, committed, sms_outbox):
    settings.MESSAGING_QUIET_HOURS = quiet_hours_around_now()
    follow_up = FollowUpFactory()
    committed(dispatch_due_check_ins)
    follow_up.refresh_from_db()
    assert follow_up.dispatched_at is not None
    assert Message.objects.get().status == "queued" and sms_outbox == []


def test_chunks_dispatch_everything_exactly_once(committed, sms_outbox):
    cases = CaseFactory.create_batch(3, preferred_method="text", text_safe=True)
    for case in cases:
        for day in (1, 7):
            FollowUpFactory(case=case, check_in_day=day)
    assert committed(dispatch_due_check_ins, chunk_size=2) == 6
    assert FollowUp.objects.filter(dispatched_at__isnull=True).count() == 0
    assert Message.objects.count() == 6 and len({m["key"] for m in sms_outbox}) == 6 == len(sms_outbox)


def test_check_ins_scheduled_at_referral_are_dispatched_on_their_day(settings, committed):
    settings.FOLLOW_UP_CHECK_IN_DAYS = [1, 7, 30, 90]
    case = CaseFactory(preferred_method="text", text_safe=True)
    referred_at = timezone.now() - timedelta(days=8)
    followups.schedule_check_ins(case, referred_at)
    assert committed(dispatch_due_check_ins) == 2  # day 1 and day 7 are due, day 30 and 90 are not
    assert sorted(case.follow_ups.filter(dispatched_at__isnull=False).values_list("check_in_day", flat=True)) == [1, 7]

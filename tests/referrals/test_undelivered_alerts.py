"""An urgent-case alert that reaches nobody on call is never only a log line: the queue and supervisor pages show a
red banner until someone acknowledges it."""

import pytest

from messaging import alerts
from messaging.models import Message, UndeliveredAlert
from referrals.notifications import urgent_alerts
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def banner(client, path) -> str:
    page = client.get(path).content.decode()
    return page[page.index("data-undelivered-alert") :] if "data-undelivered-alert" in page else ""


def test_nobody_on_call_to_alert_shows_a_red_banner_until_someone_acknowledges_it(supervisor_client, settings):
    settings.ON_CALL_ALERT_EMAILS = []  # and no counselor with an address: nobody can be told
    case = CaseFactory(urgency="emergency")
    assert urgent_alerts(case) == []
    for path in ("/staff/", "/staff/supervisor/"):
        shown = banner(supervisor_client, path)
        assert case.reference in shown and "Urgent alert not delivered" in shown, path
    alert = UndeliveredAlert.objects.get(case=case)
    response = supervisor_client.post(f"/staff/alerts/{alert.pk}/acknowledge/")
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.acknowledged_at is not None and alert.acknowledged_by is not None
    assert banner(supervisor_client, "/staff/") == "" and banner(supervisor_client, "/staff/supervisor/") == ""


def test_a_second_undelivered_alert_for_the_same_case_adds_no_second_banner(supervisor, settings):
    case = CaseFactory(urgency="emergency")
    alerts.flag(case.pk, "nobody on call has an email address")
    alerts.flag(case.pk, "every on-call alert failed")
    assert UndeliveredAlert.objects.filter(case=case).count() == 1


def alert_message(case, number, status):
    return Message.objects.create(
        key=f"urgent-alert:case:{case.pk}:address:{number}", kind=Message.Kind.URGENT_ALERT,
        channel=Message.Channel.EMAIL, case=case, to_address=f"oncall{number}@example.org", status=status,
        next_attempt_at=case.created_at, last_error="mail server refused",
    )  # fmt: skip


def test_when_every_alert_message_fails_the_case_is_flagged():
    case = CaseFactory(urgency="urgent")
    first = alert_message(case, 1, Message.Status.FAILED)
    alert_message(case, 2, Message.Status.QUEUED)
    alerts.after_giving_up(first)
    assert not UndeliveredAlert.objects.exists()  # the second may still arrive
    second = alert_message(case, 3, Message.Status.CANCELLED)
    Message.objects.filter(key__endswith=":2").update(status=Message.Status.FAILED)
    alerts.after_giving_up(second)
    assert UndeliveredAlert.objects.get(case=case).reason.startswith("every on-call alert failed")


def test_one_alert_delivered_is_enough():
    case = CaseFactory(urgency="urgent")
    alert_message(case, 1, Message.Status.SENT)
    alerts.after_giving_up(alert_message(case, 2, Message.Status.FAILED))
    assert not UndeliveredAlert.objects.exists()


def test_staff_who_cannot_work_cases_cannot_acknowledge(client, settings):
    case = CaseFactory(urgency="emergency")
    alerts.flag(case.pk, "nobody on call has an email address")
    response = client.post(f"/staff/alerts/{UndeliveredAlert.objects.get().pk}/acknowledge/")
    assert response.status_code in (302, 403)
    assert UndeliveredAlert.objects.get().acknowledged_at is None

"""The audit log is append-only: not through the model, the queryset, the admin, or (on PostgreSQL) raw SQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from referrals import audit
from referrals.models import AppendOnlyError, AuditEvent
from tests.factories import CaseFactory

from .conftest import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(counsellor):
    return audit.record(counsellor, audit.Action.CASE_VIEWED, "ABCD-EFGH")


def test_model_refuses_update_and_delete(event):
    event.detail = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(detail="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    event.refresh_from_db()
    assert event.detail == ""


def test_postgresql_refuses_raw_update_and_delete(postgres, event):
    for sql in ("UPDATE referrals_auditevent SET detail = 'x'", "DELETE FROM referrals_auditevent"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.filter(pk=event.pk, detail="").exists()


def test_admin_is_read_only_even_for_a_superuser(event, supervisor):
    from tests.factories import UserFactory

    admin = logged_in(UserFactory(is_staff=True, is_superuser=True))
    assert admin.get("/admin/referrals/auditevent/").status_code == 200
    assert admin.get(f"/admin/referrals/auditevent/{event.pk}/change/").status_code == 200  # view only
    assert admin.get("/admin/referrals/auditevent/add/").status_code == 403
    assert admin.post(f"/admin/referrals/auditevent/{event.pk}/change/", {"detail": "x"}).status_code == 403
    assert admin.post(f"/admin/referrals/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_supervisor_filters_the_audit_log(supervisor_client, counsellor, supervisor):
    case = CaseFactory()
    audit.record(counsellor, audit.Action.CASE_VIEWED, case.reference)
    audit.record(counsellor, audit.Action.NOTE_ADDED, case.reference)
    audit.record(supervisor, audit.Action.CASE_VIEWED, "ZZZZ-ZZZZ")
    html = supervisor_client.get(f"/staff/audit/?actor={counsellor.username}").content.decode()
    assert html.count("data-audit=") == 2
    html = supervisor_client.get("/staff/audit/?action=note_added").content.decode()
    assert html.count("data-audit=") == 1
    html = supervisor_client.get(f"/staff/audit/?case_reference={case.reference.lower()}").content.decode()
    assert html.count("data-audit=") == 2
    html = supervisor_client.get("/staff/audit/?date_from=2000-01-01&date_to=2000-01-02").content.decode()
    assert html.count("data-audit=") == 0


def test_audit_entries_hold_no_personal_or_health_data(counsellor, intake_case, bupe_site):
    from referrals import actions

    actions.log_contact(intake_case.reference, counsellor, "reached", note="Uses fentanyl daily")
    actions.add_note(intake_case.reference, counsellor, "Pregnant, 5 months")
    actions.refer(intake_case.reference, counsellor, bupe_site, share_intake=True, version=3)
    text = " ".join(f"{e.action} {e.detail}" for e in AuditEvent.objects.all())
    for personal in ("fentanyl", "Pregnant", intake_case.phone, intake_case.first_name, bupe_site.service.name):
        assert personal not in text

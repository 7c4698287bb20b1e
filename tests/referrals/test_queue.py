"""The counsellor queue at /staff/: order, what each row shows, filters, search, counts, paging, query budget."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from referrals import queue
from referrals.models import Case, FollowUp
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def rows(response) -> list[tuple[str, str]]:
    return re.findall(r'data-case="([^"]+)" data-urgency="([^"]+)"', response.content.decode())


def test_open_cases_by_urgency_then_due_time(counsellor_client):
    now = timezone.now()
    routine = CaseFactory(urgency="routine", due_at=now + timedelta(hours=1))
    soon_late = CaseFactory(urgency="soon", due_at=now + timedelta(hours=5))
    soon_early = CaseFactory(urgency="soon", due_at=now + timedelta(hours=2))
    emergency = CaseFactory(urgency="emergency", due_at=now + timedelta(minutes=10))
    CaseFactory(urgency="emergency", status="declined")  # closed: not in the queue
    response = counsellor_client.get("/staff/")
    assert rows(response) == [
        (emergency.reference, "emergency"),
        (soon_early.reference, "soon"),
        (soon_late.reference, "soon"),
        (routine.reference, "routine"),
    ]


def test_row_shows_waiting_due_status_assignee_preferences_and_flags(counsellor_client, counsellor):
    now = timezone.now()
    case = CaseFactory(
        urgency="urgent", due_at=now - timedelta(minutes=30), best_time="evening", voicemail_safe=False,
        text_safe=True, flags=["recent_overdose", "pregnancy", "naloxone", "fentanyl"], assigned_to=counsellor,
    )
    Case.objects.filter(pk=case.pk).update(created_at=now - timedelta(hours=4, minutes=35))
    html = counsellor_client.get("/staff/").content.decode()
    row = html[html.index(f'data-case="{case.reference}"'):]
    row = row[: row.index("</tr>")]
    assert "4 h 35 min" in row
    assert "Overdue by 30 min" in row and "alert-badge__icon" in row and "Overdue</span>" in row  # words and a sign
    assert "New" in row and counsellor.first_name in row and "Evening" in row
    assert "Voicemail: no" in row and "Text: yes" in row
    assert "Overdose in last 30 days" in row and "Pregnant or may be" in row and "Offer naloxone" in row
    assert "Fentanyl use" not in row  # only the top three flags


def test_counts_per_urgency_and_overdue(counsellor_client):
    now = timezone.now()
    CaseFactory.create_batch(2, urgency="urgent", due_at=now - timedelta(minutes=5))
    CaseFactory(urgency="routine", due_at=now + timedelta(days=1))
    CaseFactory(urgency="routine", due_at=now - timedelta(days=1), first_contact_at=now, reached_at=now)  # reached
    html = counsellor_client.get("/staff/").content.decode()
    assert "<strong>2</strong> urgent" in html
    assert "<strong>2</strong> routine" in html
    assert "<strong>0</strong> emergency" in html
    assert "<strong>2</strong> overdue" in html


def test_filters(counsellor_client, counsellor, supervisor):
    now = timezone.now()
    mine = CaseFactory(assigned_to=counsellor, urgency="soon")
    theirs = CaseFactory(assigned_to=supervisor, urgency="urgent", status="contacting")
    unassigned_overdue = CaseFactory(urgency="routine", due_at=now - timedelta(hours=1))
    closed = CaseFactory(status="duplicate")

    def refs(query):
        return {ref for ref, _ in rows(counsellor_client.get("/staff/" + query))}

    assert refs("") == {mine.reference, theirs.reference, unassigned_overdue.reference}
    assert refs("?scope=mine") == {mine.reference}
    assert refs("?scope=unassigned") == {unassigned_overdue.reference}
    assert refs("?status=contacting") == {theirs.reference}
    assert refs("?urgency=urgent") == {theirs.reference}
    assert refs("?overdue=on") == {unassigned_overdue.reference}
    assert refs("?status=duplicate") == {closed.reference}
    assert refs("?status=nonsense") == refs("")  # an invalid filter falls back to the default view


def test_search_by_phone_is_a_post_and_keeps_the_number_out_of_urls(counsellor_client):
    wanted = CaseFactory(phone="(555) 867-5309", status="declined")  # closed cases are found too
    CaseFactory(phone="555-123-4567")
    response = counsellor_client.post("/staff/", {"search-q": "555.867.5309"})
    assert response.status_code == 302 and response.url == "/staff/"
    response = counsellor_client.get("/staff/")
    assert rows(response) == [(wanted.reference, wanted.urgency)]
    assert "8675309" not in "".join(re.findall(r'href="([^"]*)"', response.content.decode()))
    counsellor_client.post("/staff/", {"clear": "1"})
    assert len(rows(counsellor_client.get("/staff/"))) == 1  # back to the open queue


def test_search_by_last_digits(counsellor_client):
    wanted = CaseFactory(phone="+1 555 010 4242")
    CaseFactory(phone="555 010 4243")
    counsellor_client.post("/staff/", {"search-q": "4242"})
    assert rows(counsellor_client.get("/staff/")) == [(wanted.reference, wanted.urgency)]


def test_search_by_reference_goes_straight_to_the_case(counsellor_client):
    case = CaseFactory()
    response = counsellor_client.post("/staff/", {"search-q": case.reference.lower().replace("-", "")})
    assert response.status_code == 302 and response.url == f"/staff/cases/{case.reference}/"


def test_a_search_that_is_neither_is_explained(counsellor_client):
    response = counsellor_client.post("/staff/", {"search-q": "Sam"}, follow=True)
    assert "at least the last 4 digits" in response.content.decode()


def next_link(response, rel="next") -> str:
    match = re.search(rf'href="(\?[^"]*)" rel="{rel}"', response.content.decode())
    return match.group(1).replace("&amp;", "&") if match else ""


def test_pages_follow_on_by_position_not_by_offset(counsellor_client):
    CaseFactory.create_batch(30)
    first = counsellor_client.get("/staff/?scope=all")
    assert len(rows(first)) == 25 and "30 cases open" in first.content.decode()
    assert next_link(first, "prev") == ""
    second = counsellor_client.get("/staff/" + next_link(first))
    assert "scope=all" in next_link(first), "the filters carry over"
    assert len(rows(second)) == 5 and next_link(second) == ""
    assert not {r for r, _ in rows(first)} & {r for r, _ in rows(second)}
    # A case opened meanwhile doesn't shift the next page, as an OFFSET would.
    emergency = CaseFactory(urgency="emergency")
    assert rows(counsellor_client.get("/staff/" + next_link(first))) == rows(second)
    # "Previous" shows the 25 cases just before this page; the new one is before those.
    back = counsellor_client.get("/staff/" + next_link(second, "prev"))
    assert rows(back) == rows(first)
    assert rows(counsellor_client.get("/staff/" + next_link(back, "prev"))) == [(emergency.reference, "emergency")]


def test_a_tampered_page_position_shows_the_first_page(counsellor_client):
    CaseFactory.create_batch(3)
    response = counsellor_client.get("/staff/?after=not-a-position")
    assert response.status_code == 200 and len(rows(response)) == 3


def test_the_count_stops_at_the_cap(counsellor_client, monkeypatch):
    monkeypatch.setattr("referrals.queue.COUNT_CAP", 4)
    CaseFactory.create_batch(5)
    assert "More than 4 cases open" in counsellor_client.get("/staff/").content.decode()


def test_due_follow_ups_are_shown(counsellor_client):
    now = timezone.now()
    case = CaseFactory(status="referred")
    due = FollowUp.objects.create(case=case, due_at=now - timedelta(hours=1), reason="Check-in 7 days after referral",
                                  check_in_day=7)
    dispatched_early = FollowUp.objects.create(case=case, due_at=now + timedelta(minutes=5), reason="Check-in day 1",
                                               check_in_day=1, dispatched_at=now)
    later = FollowUp.objects.create(case=case, due_at=now + timedelta(days=3), reason="Later one")
    done = FollowUp.objects.create(case=case, due_at=now - timedelta(days=1), reason="Done one", status="done")
    html = counsellor_client.get("/staff/").content.decode()
    assert "Follow-ups due" in html
    assert f'data-follow-up="{due.pk}"' in html and f'data-follow-up="{dispatched_early.pk}"' in html
    assert f'data-follow-up="{later.pk}"' not in html and f'data-follow-up="{done.pk}"' not in html


@pytest.mark.parametrize("n", [1, 3, 50])
def test_query_count_does_not_grow_with_rows(counsellor, counsellor_client, django_assert_num_queries, n):
    now = timezone.now()
    for i in range(n):
        CaseFactory(assigned_to=counsellor if i % 2 else None, flags=["naloxone"], urgency=["urgent", "soon"][i % 2])
        FollowUp.objects.create(case=Case.objects.latest("pk"), due_at=now - timedelta(hours=1), reason="Call")
    counsellor_client.get("/staff/")  # warm the session's last-seen stamp so every measured request is alike
    cache.delete(queue.COUNTS_CACHE_KEY)  # measure the worst case: the counts are recomputed
    # session, user, the second factor's device, permissions (user's + groups'), the capped count, due follow-ups,
    # urgency counts (cached afterwards), the site context processor's helplines and clinic settings (content app),
    # unacknowledged undelivered alerts, page rows
    with django_assert_num_queries(12):
        response = counsellor_client.get("/staff/?scope=all")
    assert len(rows(response)) == min(n, 25)


def test_counts_are_cached_briefly_and_the_rows_stay_live(counsellor_client):
    CaseFactory(urgency="urgent")
    counsellor_client.get("/staff/")
    newer = CaseFactory(urgency="urgent")
    html = counsellor_client.get("/staff/").content.decode()
    assert "<strong>1</strong> urgent" in html, "counts come from the cache"
    assert f'data-case="{newer.reference}"' in html
    cache.delete(queue.COUNTS_CACHE_KEY)
    assert "<strong>2</strong> urgent" in counsellor_client.get("/staff/").content.decode()

from django.urls import include, path

from referrals import alert_views, person_views, views

app_name = "staff"

# /staff/cases/<reference>/...  (a case reference, never a database id)
case_urls = [
    path("", views.case_detail, name="case"),
    path("claim/", views.claim, name="case-claim"),
    path("take-over/", views.take_over, name="case-take-over"),
    path("unassign/", views.unassign, name="case-unassign"),
    path("assign/", views.assign, name="case-assign"),
    path("contact/", views.contact, name="case-contact"),
    path("note/", views.note, name="case-note"),
    path("status/", views.change_status, name="case-status"),
    path("refer/", views.refer, name="case-refer"),
    path("follow-ups/", views.schedule_follow_up, name="case-follow-up"),
    path("follow-ups/done/", views.complete_follow_up, name="case-follow-up-done"),
    path("person.json", person_views.export, name="case-person-export"),
    path("erase/", person_views.erase, name="case-person-erase"),
    path("consent/revoke/", person_views.revoke_consent, name="case-consent-revoke"),
]

urlpatterns = [
    path("", include("accounts.urls")),
    path("", views.queue_view, name="queue"),
    path("take-next/", views.take_next, name="take-next"),
    path("cases/<str:reference>/", include(case_urls)),
    path("directory.hsds.json", views.directory_hsds, name="directory-hsds"),
    path("supervisor/", views.supervisor, name="supervisor"),
    path("supervisor/case-metrics.csv", views.metrics_csv, name="metrics-csv"),
    path("audit/", views.audit_log, name="audit"),
    path("alerts/<int:pk>/acknowledge/", alert_views.acknowledge_alert, name="alert-acknowledge"),
    path("messages/<int:pk>/retry/", views.retry_message, name="message-retry"),
]

from django.urls import path
from django.views.generic import TemplateView

from intake import views

app_name = "intake"
urlpatterns = [
    path("intake/", views.start, name="start"),
    path("intake/start-again/", views.restart, name="restart"),
    path("intake/delete-my-answers/", views.delete_answers, name="delete_answers"),
    path("intake/answers-deleted/", views.answers_deleted, name="answers_deleted"),
    path("intake/q/<slug:step_id>/", views.step, name="step"),
    path("intake/emergency/", views.emergency, name="emergency"),
    path("intake/crisis/", views.crisis, name="crisis"),
    path("intake/crisis/continue/", views.crisis_continue, name="crisis_continue"),
    path("intake/crisis/call-requested/", views.crisis_requested, name="crisis_requested"),
    path("intake/check/", views.check, name="check"),
    path("intake/contact/", views.contact, name="contact"),
    path("intake/results/", views.results, name="results"),
    path("callback/", views.callback, name="callback"),
    path("callback/requested/", views.callback_done, name="callback_done"),
    path("help-now/", views.help_now, name="help_now"),
    path(
        "browsing-safely/",
        TemplateView.as_view(template_name="intake/browsing_safely.html"),
        name="browsing_safely",
    ),
    path("self-check/", views.self_check, name="selfcheck"),
]

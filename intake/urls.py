from django.urls import path

from intake import views

app_name = "intake"
urlpatterns = [
    path("intake/", views.start, name="start"),
    path("callback/", views.callback, name="callback"),
    path("help-now/", views.help_now, name="help_now"),
]

"""Staff sign-in and sign-out. Included by the staff area (``referrals.urls``) so the names stay ``staff:login``
and ``staff:logout``; signing in lands where ``accounts.views.landing_url`` says, after the second factor."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views

urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views.verify, name="two-factor"),
    path("two-factor/set-up/", views.enrol, name="two-factor-enrol"),
    path("", include("accounts.password_reset")),
]

"""Staff sign-in and sign-out. Included by the staff area (``referrals.urls``) so the names stay ``staff:login``
and ``staff:logout``; signing in lands where ``accounts.views.landing_url`` says."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.views import StaffLoginView

urlpatterns = [
    path("login/", StaffLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("accounts.password_reset")),
]

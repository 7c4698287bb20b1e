"""Staff sign-in and sign-out. Included by the staff area (``referrals.urls``) so the names stay ``staff:login``
and ``staff:logout``; signing in lands on ``settings.LOGIN_REDIRECT_URL``."""

from django.contrib.auth import views as auth_views
from django.urls import path

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="staff/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]

from django.contrib import admin
from django.urls import include, path

from config import metrics, views

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("metrics/", metrics.metrics, name="metrics"),
    path("exit/", views.quick_exit, name="quick-exit"),
    path("admin/", admin.site.urls),
    path("staff/", include("referrals.urls")),
    path("", include("intake.urls")),
    path("", include("content.urls")),
]

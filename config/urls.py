from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from config import metrics, views

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("metrics/", metrics.metrics, name="metrics"),
    path("exit/", views.quick_exit, name="quick-exit"),
    path("admin/", admin.site.urls),
    # One sign-in for all staff (lockout, idle sign-out): the CMS's own sign-in page sends people to it.
    path("cms/login/", RedirectView.as_view(url="/staff/login/", query_string=True)),
    path("cms/", include(wagtailadmin_urls)),
    path("staff/", include("referrals.urls")),
    path("", include("intake.urls")),
    path("", include("content.urls")),
    # The treatment pages' own routes are in content.urls; this gives Wagtail its page URLs (/pages/<slug>/).
    path("pages/", include(wagtail_urls)),
]

from django.urls import include, path

from bench import baselines

urlpatterns = [
    path("bench/", include(baselines.urlpatterns)),
    path("", include("config.urls")),
]

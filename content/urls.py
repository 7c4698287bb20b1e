from django.urls import path

from content import views

app_name = "content"
urlpatterns = [
    path("", views.home, name="home"),
    path("pages/", views.page_index, name="index"),
    path("pages/<slug:slug>/", views.page_detail, name="page"),
    path("pages/<slug:slug>/sources/<int:number>/", views.source_redirect, name="source"),
    path("pages/<slug:slug>/links/<int:number>/", views.external_link_redirect, name="external_link"),
]

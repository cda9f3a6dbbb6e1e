from django.urls import path, re_path

from shop import api, views

urlpatterns = [
    path("", views.index),
    re_path(r"^feed/(?P<pk>\d+)/$", views.feed),
    path("legacy/", api.legacy_view),
]

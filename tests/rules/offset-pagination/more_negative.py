"""Quiet: keyset paging, fixed slices, offsets that do not come from requests."""
from django.core.paginator import Paginator
from django.db import models
from django.http import JsonResponse
from django.urls import path


class Event(models.Model):
    name = models.CharField(max_length=20)


def latest(request):
    return JsonResponse({"ids": [e.id for e in Event.objects.order_by("-id")[:10]]})


def after(request):
    last = int(request.GET.get("last", 0))
    return JsonResponse({"ids": [e.id for e in Event.objects.filter(id__gt=last).order_by("id")[:10]]})


def second_page(request):
    return JsonResponse({"ids": [e.id for e in Event.objects.order_by("id")[10:20]]})


def first_page_paginator(request):
    page = Paginator(Event.objects.order_by("id"), 10).page(1)
    return JsonResponse({"ids": [e.id for e in page]})


def export_batches(n):
    return Event.objects.order_by("id")[n * 1000:(n + 1) * 1000]


def top(request, limit=10):
    names = ["a", "b", "c"]
    return JsonResponse({"names": names[: int(request.GET.get("n", 3))]})


urlpatterns = [
    path("latest/", latest),
    path("after/", after),
    path("second/", second_page),
    path("first/", first_page_paginator),
    path("top/", top),
]

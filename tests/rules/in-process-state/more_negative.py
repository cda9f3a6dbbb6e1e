"""Quiet: state in shared stores, locals, import-time registries, attributes."""
import threading
from collections import defaultdict

from django.core.cache import cache
from django.http import JsonResponse
from django.urls import path

HANDLERS = {}
DEFAULTS = {"theme": "light"}
_lock = threading.Lock()
_memo = {}


def register(name):
    def wrap(fn):
        HANDLERS[name] = fn
        return fn
    return wrap


@register("ping")
def ping():
    return "pong"


def settings_view(request):
    merged = dict(DEFAULTS)
    merged.update(request.GET.dict())
    return JsonResponse(merged)


def counts_view(request):
    counts = defaultdict(int)
    for word in request.GET.get("q", "").split():
        counts[word] += 1
    return JsonResponse(counts)


def hits_view(request):
    return JsonResponse({"hits": cache.incr("hits")})


def memo_view(request):
    _memo.setdefault("x", 1)
    return JsonResponse({"x": _memo["x"]})


def read_only(request):
    return JsonResponse({"theme": DEFAULTS.get("theme")})


def locked(request):
    with _lock:
        return JsonResponse({})


urlpatterns = [
    path("settings/", settings_view),
    path("counts/", counts_view),
    path("hits/", hits_view),
    path("memo/", memo_view),
    path("read/", read_only),
    path("locked/", locked),
]

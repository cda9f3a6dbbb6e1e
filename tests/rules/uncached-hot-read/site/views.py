"""Request-independent reads on every request, and cached twins."""
from functools import lru_cache

from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import cache_page

from site.models import Banner, Category, SiteSetting
from site.helpers import footer_links

BANNER_KEY = "banner"


def home(request):
    banner = SiteSetting.objects.get(key="banner")  # expect: uncached-hot-read
    return render(request, "home.html", {"banner": banner})


def menu(request):
    return render(request, "menu.html", {"cats": Category.objects.filter(active=True)})  # expect: uncached-hot-read


def live_banner(request):
    return JsonResponse({"text": Banner.objects.filter(live=True).first().text})  # expect: uncached-hot-read


def by_constant(request):
    return JsonResponse({"v": SiteSetting.objects.get(key=BANNER_KEY).value})  # expect: uncached-hot-read


def footer(request):
    return JsonResponse({"links": footer_links()})


class AboutView(View):
    def get(self, request):
        about = SiteSetting.objects.get(key="about")  # expect: uncached-hot-read
        return JsonResponse({"about": about.value})


# --- quiet: depends on the request, cached, or a write ---

def setting(request, key):
    return JsonResponse({"v": SiteSetting.objects.get(key=key).value})


def my_categories(request):
    return render(request, "menu.html", {"cats": Category.objects.filter(name=request.GET["q"])})


def cached_home(request):
    banner = cache.get("banner")
    if banner is None:
        banner = SiteSetting.objects.get(key="banner")
        cache.set("banner", banner, 60)
    return render(request, "home.html", {"banner": banner})


@cache_page(60)
def cached_menu(request):
    return render(request, "menu.html", {"cats": Category.objects.filter(active=True)})


@lru_cache(maxsize=1)
def site_name():
    return SiteSetting.objects.get(key="name").value


def header(request):
    return JsonResponse({"name": site_name()})


def create_category(request):
    Category.objects.create(name="new")
    return JsonResponse({"ok": True})


def count_categories(request):
    return JsonResponse({"n": Category.objects.filter(active=True).count()})


def loop_settings(request):
    keys = ["a", "b"]
    return JsonResponse({k: SiteSetting.objects.get(key=k).value for k in keys})


def not_routed():
    return SiteSetting.objects.get(key="banner")

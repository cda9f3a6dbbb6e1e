from django.http import JsonResponse
from django.views.generic import ListView
from rest_framework import viewsets
from rest_framework.decorators import action, api_view
from rest_framework.views import APIView

from shop.helpers import load, notify


def index(request):
    return JsonResponse(load())


async def feed(request, pk):
    return JsonResponse(load())


def _private_helper(user):
    return user


class OrderList(ListView):
    def get_queryset(self):
        return notify()


class OrderApi(APIView):
    def get(self, request):
        return self.render()

    def render(self):
        return load()


class OrderViewSet(viewsets.ModelViewSet):
    @action(detail=True)
    def ship(self, request, pk=None):
        return notify()


@api_view(["GET", "POST"])
def stats(request):
    return load()

"""A partial scan: the models live outside the scanned tree, so whether the
table can grow is unknown and the rule stays quiet."""
from django.http import JsonResponse
from django.urls import path

from elsewhere.models import Customer


def customers(request):
    return JsonResponse({"names": [c.name for c in Customer.objects.order_by("name")]})


urlpatterns = [path("customers/", customers)]

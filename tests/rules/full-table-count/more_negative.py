"""Quiet: filtered counts, estimates, counts off the request path."""
from celery import shared_task
from django.db import connection, models
from django.http import JsonResponse
from django.urls import path


class Ticket(models.Model):
    open = models.BooleanField(default=True)
    owner = models.IntegerField()


def mine(request):
    return JsonResponse({"n": Ticket.objects.filter(owner=request.user.id).count()})


def open_tickets(request):
    return JsonResponse({"n": Ticket.objects.filter(open=True).count()})


def any_open(request):
    return JsonResponse({"any": Ticket.objects.filter(open=True).exists()})


def estimate(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'ticket'")
        return JsonResponse({"n": cursor.fetchone()[0]})


def grouped(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT owner, COUNT(*) FROM ticket GROUP BY owner")
        return JsonResponse({"rows": cursor.fetchall()})


def length_of_list(request):
    return JsonResponse({"n": len([1, 2, 3])})


@shared_task
def nightly_count():
    return Ticket.objects.count()


urlpatterns = [
    path("mine/", mine),
    path("open/", open_tickets),
    path("any/", any_open),
    path("estimate/", estimate),
    path("grouped/", grouped),
    path("len/", length_of_list),
]

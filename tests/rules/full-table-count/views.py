"""Counting whole tables on request paths, and the quiet cases."""
import sqlite3

import peewee
from django.db import connection, models
from django.http import JsonResponse
from django.urls import path
from fastapi import FastAPI
from sqlalchemy.orm import Session

app = FastAPI()
session = Session()
pdb = peewee.SqliteDatabase("x.db")


class Order(models.Model):
    status = models.CharField(max_length=20)


class Visit(peewee.Model):
    path = peewee.CharField()

    class Meta:
        database = pdb


def dashboard(request):
    return JsonResponse({"orders": Order.objects.count()})  # expect: full-table-count


def dashboard_all(request):
    return JsonResponse({"orders": Order.objects.all().count()})  # expect: full-table-count


async def dashboard_async(request):
    return JsonResponse({"orders": await Order.objects.acount()})  # expect: full-table-count


def raw_count(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM shop_order")  # expect: full-table-count
        return JsonResponse({"n": cursor.fetchone()[0]})


def open_count(request):
    return JsonResponse({"open": Order.objects.filter(status="open").count()})


def raw_open(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM shop_order WHERE status = %s", ["open"])
        return JsonResponse({"n": cursor.fetchone()[0]})


@app.get("/visits")
def visits():
    return {"n": Visit.select().count()}  # expect: full-table-count


@app.get("/sa")
def sa_count():
    return {"n": session.query(Order).count()}  # expect: full-table-count


@app.get("/sa-open")
def sa_open():
    return {"n": session.query(Order).filter(Order.status == "open").count()}


@app.get("/lite")
def lite():
    conn = sqlite3.connect("x.db")
    return {"n": conn.execute("select count(*) from visits").fetchone()[0]}  # expect: full-table-count


def nightly_stats():
    return Order.objects.count()


urlpatterns = [
    path("dash/", dashboard),
    path("dash-all/", dashboard_all),
    path("dash-async/", dashboard_async),
    path("raw/", raw_count),
    path("open/", open_count),
    path("raw-open/", raw_open),
]

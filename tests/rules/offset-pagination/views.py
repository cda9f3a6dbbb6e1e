"""OFFSET paging driven by the request, and keyset twins."""
from django.core.paginator import Paginator
from django.db import connection, models
from django.http import JsonResponse
from django.urls import path
from fastapi import FastAPI
from flask import Flask, request
from flask_sqlalchemy import SQLAlchemy
from rest_framework import generics
from rest_framework.pagination import CursorPagination, LimitOffsetPagination, PageNumberPagination
from sqlalchemy.orm import Session

api = FastAPI()
web = Flask(__name__)
db = SQLAlchemy(web)
session = Session()


class Order(models.Model):
    status = models.CharField(max_length=20)


class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)


def orders(request):
    page = int(request.GET.get("page", 1))
    start = (page - 1) * 20
    rows = Order.objects.order_by("id")[start:start + 20]  # expect: offset-pagination
    return JsonResponse({"ids": [o.id for o in rows]})


def orders_paginator(request):
    paginator = Paginator(Order.objects.order_by("id"), 20)
    page = paginator.get_page(request.GET.get("page"))  # expect: offset-pagination
    return JsonResponse({"ids": [o.id for o in page]})


def orders_keyset(request):
    after = int(request.GET.get("after", 0))
    rows = Order.objects.filter(id__gt=after).order_by("id")[:20]
    return JsonResponse({"ids": [o.id for o in rows]})


def orders_first(request):
    rows = Order.objects.order_by("id")[:20]
    return JsonResponse({"ids": [o.id for o in rows]})


def raw(request):
    offset = int(request.GET["offset"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM shop_order ORDER BY id LIMIT 20 OFFSET %s", [offset])  # expect: offset-pagination
        return JsonResponse({"ids": cursor.fetchall()})


@api.get("/items")
def items(offset: int = 0):
    return [i.id for i in session.query(Item).order_by(Item.id).offset(offset).limit(20).all()]  # expect: offset-pagination


@api.get("/items-after")
def items_after(after: int = 0):
    return [i.id for i in session.query(Item).filter(Item.id > after).order_by(Item.id).limit(20).all()]


@web.route("/items")
def flask_items():
    page = request.args.get("page", 1, type=int)
    return {"ids": [i.id for i in Item.query.paginate(page=page, per_page=20).items]}  # expect: offset-pagination


class OrderList(generics.ListAPIView):
    queryset = Order.objects.all()
    pagination_class = LimitOffsetPagination  # expect: offset-pagination


class OrderPages(generics.ListAPIView):
    queryset = Order.objects.all()
    pagination_class = PageNumberPagination  # expect: offset-pagination


class OrderCursor(generics.ListAPIView):
    queryset = Order.objects.all()
    pagination_class = CursorPagination


def report_page(n):
    return Order.objects.order_by("id")[n * 100:(n + 1) * 100]


urlpatterns = [
    path("orders/", orders),
    path("orders/p/", orders_paginator),
    path("orders/k/", orders_keyset),
    path("orders/f/", orders_first),
    path("orders/raw/", raw),
]

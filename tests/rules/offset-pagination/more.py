import peewee
from django.db import models
from fastapi import FastAPI
from rest_framework.decorators import api_view
from rest_framework.response import Response

app = FastAPI()
pdb = peewee.SqliteDatabase("x.db")


class Tag(peewee.Model):
    name = peewee.CharField()

    class Meta:
        database = pdb


class Product(models.Model):
    name = models.CharField(max_length=20)


def product_page(page):
    return Product.objects.order_by("id")[(page - 1) * 50:page * 50]  # expect: offset-pagination


@api_view(["GET"])
def products(request):
    return Response([p.name for p in product_page(int(request.query_params["page"]))])


@api_view(["GET"])
def products_direct(request):
    offset = int(request.query_params.get("offset", 0))
    return Response([p.name for p in Product.objects.all()[offset:offset + 50]])  # expect: offset-pagination


@app.get("/tags")
def tags(page: int = 1):
    return [t.name for t in Tag.select().order_by(Tag.id).paginate(page, 20)]  # expect: offset-pagination


@app.get("/tags-offset")
def tags_offset(offset: int = 0):
    return [t.name for t in Tag.select().order_by(Tag.id).offset(offset).limit(20)]  # expect: offset-pagination


@app.get("/tags-first")
def tags_first():
    return [t.name for t in Tag.select().order_by(Tag.id).limit(20)]

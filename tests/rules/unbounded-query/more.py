import peewee
from fastapi import FastAPI

from api.models import Order

app = FastAPI()
db = peewee.SqliteDatabase("x.db")


class Tag(peewee.Model):
    name = peewee.CharField()

    class Meta:
        database = db


def all_order_ids():
    return list(Order.objects.values_list("id", flat=True))  # expect: unbounded-query


@app.get("/tags")
def tags():
    return [t.name for t in Tag.select()]  # expect: unbounded-query


@app.get("/tags-top")
def tags_top():
    return [t.name for t in Tag.select().limit(10)]


@app.get("/order-ids")
def order_ids():
    return all_order_ids()

import peewee

db = peewee.SqliteDatabase("store.db")


class Item(peewee.Model):
    name = peewee.CharField()

    class Meta:
        database = db


def names():
    return [item.name for item in Item.select()]

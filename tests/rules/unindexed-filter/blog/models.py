"""Peewee models."""
from peewee import CharField, ForeignKeyField, Model


class Author(Model):
    handle = CharField(unique=True)
    country = CharField()

    class Meta:
        indexes = ((("country", "handle"), False),)


class Entry(Model):
    author = ForeignKeyField(Author, backref="entries")
    title = CharField()
    lang = CharField(index=True)

"""Library models, derived from peewee.Model through library/base.py."""
import peewee

from .base import BaseModel


class Member(BaseModel):
    name = peewee.CharField()
    email = peewee.CharField(unique=True)


class Book(BaseModel):
    title = peewee.CharField()
    isbn = peewee.CharField(unique=True)
    borrower = peewee.ForeignKeyField(Member, null=True, backref="books")

"""Peewee models for the lazy-load fixtures."""
from peewee import CharField, ForeignKeyField, Model


class User(Model):
    username = CharField(unique=True)


class Tweet(Model):
    user = ForeignKeyField(User, backref="tweets")
    message = CharField()

"""Peewee filters."""
from .models import Author, Entry


def by_title(title):
    return Entry.select().where(Entry.title == title)  # expect: unindexed-filter


def get_by_title(title):
    return Entry.get(Entry.title == title)


def by_lang(lang):
    return Entry.select().where(Entry.lang == lang)


def by_handle(handle):
    return Author.get(Author.handle == handle)


def by_country(country):
    return Author.select().where(Author.country == country)


def by_author(author):
    return Entry.select().where(Entry.author == author)

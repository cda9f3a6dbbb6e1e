"""Peewee: foreign keys and backrefs read per row."""
from .models import Tweet, User


def timeline():
    return [t.user.username for t in Tweet.select()]  # expect: lazy-load-in-loop


def per_user():
    rows = []
    for user in User.select():
        for tweet in user.tweets:  # expect: lazy-load-in-loop
            rows.append(tweet.message)
    return rows


def joined():
    return [t.user.username for t in Tweet.select(Tweet, User).join(User)]


def key_only():
    return [t.user_id for t in Tweet.select()]

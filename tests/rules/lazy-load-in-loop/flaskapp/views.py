"""Flask-SQLAlchemy relations read per row."""
from sqlalchemy.orm import joinedload

from .models import Post, User, db


def authors():
    return [p.author.email for p in Post.query.all()]  # expect: lazy-load-in-loop


def posts():
    return [[p.title for p in u.posts] for u in User.query.all()]  # expect: lazy-load-in-loop


def authors_joined():
    return [p.author.email for p in Post.query.options(joinedload(Post.author)).all()]


def user_ids():
    return [p.user_id for p in Post.query.all()]


def core_select():
    return [p.author.email for p in db.session.scalars(db.select(Post))]  # expect: lazy-load-in-loop

"""SQLAlchemy filters."""
from sqlalchemy import select

from .models import Post, User


def by_name(session, name):
    return session.query(User).filter(User.name == name).all()  # expect: unindexed-filter


def by_city(session, city):
    return session.query(User).filter_by(city=city).first()  # expect: unindexed-filter


def posts_of(session, user_id):
    # a foreign key column without index=True: SQLAlchemy does not index it
    return session.scalars(select(Post).where(Post.user_id == user_id)).all()  # expect: unindexed-filter


def titles(session, title):
    return session.execute(select(Post).where(Post.title.in_([title]))).scalars().all()  # expect: unindexed-filter


def by_email(session, email):
    return session.query(User).filter(User.email == email).one()


def by_nickname(session, nick):
    return session.query(User).filter_by(nickname=nick).first()


def by_region(session, region):
    return session.scalars(select(User).where(User.region == region)).all()


def by_slug(session, slug):
    return session.scalars(select(Post).where(Post.slug == slug)).first()


def by_state(session, state):
    return session.scalars(select(Post).where(Post.state == state)).all()


def not_equal(session, name):
    return session.query(User).filter(User.name != name).all()


def by_pk(session, pk):
    return session.query(User).filter(User.id == pk).one()

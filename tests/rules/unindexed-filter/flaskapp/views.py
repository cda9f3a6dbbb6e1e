"""Flask-SQLAlchemy filters."""
import sqlalchemy as sa

from .models import Post, User, db


def by_city(city):
    return User.query.filter_by(city=city).all()  # expect: unindexed-filter


def by_title(t):
    return db.session.execute(db.select(Post).where(Post.title == t)).scalars().all()  # expect: unindexed-filter


def by_email(e):
    return db.session.query(User).filter(User.email == e).first()


def by_email_core(e):
    return db.session.execute(sa.select(User).where(User.email == e)).scalar_one()


def by_id(pk):
    return User.query.get(pk)

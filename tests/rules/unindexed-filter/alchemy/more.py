"""More SQLAlchemy filters, in another file."""
from .models import Post, User


def post_titles(session, title):
    return session.query(Post).filter_by(title=title).all()  # expect: unindexed-filter


def names(session, name):
    return session.query(User).filter(User.name == name).first()  # expect: unindexed-filter


def city_and_region(session, region, city):
    return session.query(User).filter(User.region == region, User.city == city).all()


def active_users(session):
    return session.query(User).filter(User.active == True).all()

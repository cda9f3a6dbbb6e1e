"""SQLAlchemy code that loads what a loop needs up front. Every line stays quiet."""
from collections import defaultdict

import requests

from sqlalchemy import ForeignKey, String, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, joinedload, mapped_column, relationship, selectinload


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    posts: Mapped[list["Post"]] = relationship(back_populates="author")


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(200))
    author: Mapped[User] = relationship(back_populates="posts")


class Comment(Base):
    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    body: Mapped[str]


def posts_by_author(session: Session, users):
    ids = [u.id for u in users]
    grouped = defaultdict(list)
    for post in session.scalars(select(Post).where(Post.author_id.in_(ids))):
        grouped[post.author_id].append(post)
    return grouped


def users_with_posts(session: Session):
    result = []
    for user in session.scalars(select(User).options(selectinload(User.posts))):
        for post in user.posts:
            result.append((user.email, post.title))
    return result


def post_authors(session: Session):
    return [(p.title, p.author.email) for p in session.query(Post).options(joinedload(Post.author)).all()]


def import_users(session: Session, rows):
    for row in rows:
        session.add(User(email=row["email"], role=row.get("role", "member")))
    session.commit()


def import_comments(session: Session, rows):
    session.execute(insert(Comment), [{"post_id": r["post_id"], "body": r["body"]} for r in rows])
    session.commit()


def filtered_posts(session: Session, filters):
    query = session.query(Post)
    for column, value in filters.items():
        query = query.filter(getattr(Post, column) == value)
    return query.all()


def export_rows(session: Session, writer):
    for row in session.execute(select(User.id, User.email)):
        writer.writerow([row.id, row.email])


def primary_account(session: Session, candidates):
    account = None
    for candidate in candidates:
        if candidate.get("primary"):
            account = session.get(User, candidate["user_id"])
            break
    return account


def role_counts(session: Session):
    counts = {}
    for role in ("admin", "editor", "member"):
        counts[role] = session.scalar(select(func.count()).select_from(User).where(User.role == role))
    return counts


def comment_counts(session: Session, posts):
    rows = session.execute(select(Comment.post_id, func.count()).group_by(Comment.post_id)).all()
    counts = dict(rows)
    return {post.id: counts.get(post.id, 0) for post in posts}


async def emails_for(session: AsyncSession, ids):
    result = await session.execute(select(User).where(User.id.in_(ids)))
    return [user.email for user in result.scalars()]


def stream_users(session: Session, handle):
    for user in session.scalars(select(User).execution_options(yield_per=1000)):
        handle(user)


def render_settings(settings, keys):
    # settings is a dict: .get is not a query.
    return [f"{key}={settings.get(key, '')}" for key in keys]


def fetch_pages(urls):
    # A requests.Session is an HTTP client: its get() is another rule's business.
    session = requests.Session()
    pages = []
    for url in urls:
        pages.append(session.get(url, timeout=10).text)
    return pages

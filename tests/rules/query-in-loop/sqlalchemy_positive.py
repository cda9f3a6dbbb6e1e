"""SQLAlchemy (classic Query API and 2.0 style) running a query per iteration."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    posts: Mapped[list["Post"]] = relationship(back_populates="author")


class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(200))
    published_at: Mapped[datetime | None]
    author: Mapped[User] = relationship(back_populates="posts")


class Comment(Base):
    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    body: Mapped[str]


def posts_by_author(session: Session, users):
    result = {}
    for user in users:
        result[user.id] = session.query(Post).filter(Post.author_id == user.id).all()  # expect: query-in-loop
    return result


def latest_post_titles(session: Session, users):
    titles = []
    for user in users:
        post = session.query(Post).filter_by(author_id=user.id).order_by(Post.published_at.desc()).first()  # expect: query-in-loop
        titles.append(post.title if post else None)
    return titles


def comment_counts(session: Session, posts):
    counts = {}
    for post in posts:
        counts[post.id] = session.query(Comment).filter(Comment.post_id == post.id).count()  # expect: query-in-loop
    return counts


def owners(session: Session, post_ids):
    found = []
    for post_id in post_ids:
        found.append(session.query(User).join(Post).filter(Post.id == post_id).one())  # expect: query-in-loop
    return found


def find_users(session: Session, emails):
    users = []
    for email in emails:
        user = session.query(User).filter(User.email == email).one_or_none()  # expect: query-in-loop
        if user is not None:
            users.append(user)
    return users


def max_post_ids(session: Session, users):
    return [session.query(func.max(Post.id)).filter(Post.author_id == u.id).scalar() for u in users]  # expect: query-in-loop


def load_users_legacy(session: Session, user_ids):
    return [session.query(User).get(uid) for uid in user_ids]  # expect: query-in-loop


def load_users(session: Session, user_ids):
    users = []
    for uid in user_ids:
        users.append(session.get(User, uid))  # expect: query-in-loop
    return users


def posts_per_user(session: Session, users):
    out = {}
    for user in users:
        out[user.id] = session.execute(select(Post).where(Post.author_id == user.id)).scalars().all()  # expect: query-in-loop
    return out


def team_names(session: Session, users):
    names = []
    for user in users:
        names.append(session.scalars(select(Team.name).where(Team.id == user.team_id)).first())  # expect: query-in-loop
    return names


def comment_totals(session: Session, posts):
    totals = {}
    for post in posts:
        totals[post.id] = session.scalar(select(func.count()).select_from(Comment).where(Comment.post_id == post.id))  # expect: query-in-loop
    return totals


def import_users(session: Session, rows):
    for row in rows:
        session.add(User(email=row["email"], team_id=row["team_id"]))
        session.commit()  # expect: query-in-loop


def assign_ids(session: Session, titles, author):
    posts = []
    for title in titles:
        post = Post(title=title, author=author)
        session.add(post)
        session.flush()  # expect: query-in-loop
        posts.append(post.id)
    return posts


def publish(session: Session, post_ids):
    now = datetime.utcnow()
    for post_id in post_ids:
        session.execute(update(Post).where(Post.id == post_id).values(published_at=now))  # expect: query-in-loop
    session.commit()


def default_team_for_each(session: Session, users):
    for user in users:
        default = session.scalars(select(Team).where(Team.name == "default")).one()  # expect: query-in-loop
        user.team_id = user.team_id or default.id


async def mark_read(session: AsyncSession, events):
    async for event in events:
        await session.execute(update(Comment).where(Comment.id == event.comment_id).values(body=event.body))  # expect: query-in-loop


async def authors_of(session: AsyncSession, posts):
    authors = []
    for post in posts:
        authors.append(await session.get(User, post.author_id))  # expect: query-in-loop
    return authors


class PostRepository:
    def __init__(self, session: Session):
        self.session = session

    def titles(self, post_ids):
        return [self.session.get(Post, pid).title for pid in post_ids]  # expect: query-in-loop

    def comments_for(self, posts):
        result = {}
        for post in posts:
            for comment in self.session.scalars(select(Comment).where(Comment.post_id == post.id)):  # expect: query-in-loop
                result.setdefault(post.id, []).append(comment.body)
        return result

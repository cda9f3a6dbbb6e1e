"""SQLAlchemy models: indexes through Column flags, __table_args__ and Index()."""
from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String(200), unique=True)
    name = Column(String(100))
    region = Column(String(20))
    city = Column(String(20))
    nickname = Column(String(20), index=True)
    active = Column(Boolean, default=True)

    __table_args__ = (Index("ix_users_region_city", "region", "city"),)


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str]
    state: Mapped[str] = mapped_column(String(10))

    __table_args__ = (UniqueConstraint("slug"),)


Index("ix_posts_state", Post.state)

from typing import List, Optional

from sqlalchemy import Column, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, backref

from .db import Base, db


class TimestampMixin:
    created_at = Column(Integer, index=True)


class User(TimestampMixin, Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String(200), unique=True)
    name = Column(String(100))
    region = Column(String(20))
    addresses = relationship("Address", back_populates="user")
    orders = relationship("Order", lazy="selectin")

    __table_args__ = (Index("ix_users_region_name", "region", "name"),)


class Address(Base):
    __tablename__ = "addresses"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    city = Column(String(50))
    user = relationship("User", back_populates="addresses")


class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"), index=True)
    total = Column(Integer)
    items = relationship("Item", backref=backref("order", lazy="joined"), lazy="dynamic")


Index("ix_orders_total", Order.total)


class Item(Base):
    __tablename__ = "items"
    id = Column(Integer, primary_key=True)
    order_id = Column(Integer, ForeignKey("orders.id"))
    sku = Column(String(20))


class Modern(DeclarativeBase):
    pass


class Author(Modern):
    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), index=True)
    bio: Mapped[Optional[str]]
    active: Mapped[bool]
    books: Mapped[List["Book"]] = relationship(back_populates="author")


class Book(Modern):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    title: Mapped[str]
    author: Mapped["Author"] = relationship(back_populates="books", lazy="raise")

    __table_args__ = (UniqueConstraint("author_id", "title"),)


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(80), unique=True)
    author_id = db.Column(db.Integer, db.ForeignKey("authors.id"))

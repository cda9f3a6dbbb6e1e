"""Peewee code that loads rows in one query. Every line stays quiet."""
from peewee import JOIN, CharField, ForeignKeyField, IntegerField, Model, SqliteDatabase, fn, prefetch

db = SqliteDatabase("library.db")


class BaseModel(Model):
    class Meta:
        database = db


class Author(BaseModel):
    name = CharField()


class Book(BaseModel):
    author = ForeignKeyField(Author, backref="books")
    title = CharField()
    isbn = CharField(unique=True)


class Loan(BaseModel):
    book = ForeignKeyField(Book, backref="loans")
    member_id = IntegerField()


class Settings:
    """Application settings read from a dict; not a database model."""

    _values = {"loan_days": "21", "max_loans": "5"}

    @classmethod
    def get(cls, key, default=None):
        return cls._values.get(key, default)


def catalogue():
    lines = []
    for author in prefetch(Author.select(), Book.select()):
        for book in author.books:
            lines.append(f"{author.name}: {book.title}")
    return lines


def books_with_authors():
    query = Book.select(Book, Author).join(Author)
    return [(book.title, book.author.name) for book in query]


def import_books(rows):
    data = []
    for row in rows:
        data.append({"author": row["author_id"], "title": row["title"], "isbn": row["isbn"]})
    with db.atomic():
        Book.insert_many(data).execute()


def authors_by_id(author_ids, wanted):
    authors = {a.id: a for a in Author.select().where(Author.id.in_(author_ids))}
    return [authors.get(i) for i in wanted]


def loan_counts():
    query = (Book
             .select(Book.id, fn.COUNT(Loan.id).alias("loans"))
             .join(Loan, JOIN.LEFT_OUTER)
             .group_by(Book.id))
    return {row.id: row.loans for row in query}


def all_titles():
    titles = []
    for book in Book.select().order_by(Book.title):
        titles.append(book.title)
    return titles


def limits(keys):
    return {key: Settings.get(key) for key in keys}

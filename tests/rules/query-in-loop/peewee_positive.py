"""Peewee models (through a project BaseModel) queried on every iteration."""
import datetime

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model, SqliteDatabase

db = SqliteDatabase("library.db")


class BaseModel(Model):
    class Meta:
        database = db


class Author(BaseModel):
    name = CharField()
    country = CharField(null=True)


class Book(BaseModel):
    author = ForeignKeyField(Author, backref="books")
    title = CharField()
    isbn = CharField(unique=True)
    copies = IntegerField(default=1)


class Loan(BaseModel):
    book = ForeignKeyField(Book, backref="loans")
    member_id = IntegerField()
    due = DateTimeField()


def author_names(author_ids):
    return [Author.get(Author.id == aid).name for aid in author_ids]  # expect: query-in-loop


def known_isbns(isbns):
    found = []
    for isbn in isbns:
        book = Book.get_or_none(Book.isbn == isbn)  # expect: query-in-loop
        if book is not None:
            found.append(book)
    return found


def books_by_id(book_ids):
    books = []
    for book_id in book_ids:
        books.append(Book.get_by_id(book_id))  # expect: query-in-loop
    return books


def lend_all(member_id, book_ids):
    due = datetime.datetime.now() + datetime.timedelta(days=21)
    for book_id in book_ids:
        Loan.create(book=book_id, member_id=member_id, due=due)  # expect: query-in-loop


def first_books(authors):
    firsts = {}
    for author in authors:
        firsts[author.id] = Book.select().where(Book.author == author).order_by(Book.id).get()  # expect: query-in-loop
    return firsts


def catalogue(authors):
    lines = []
    for author in authors:
        for book in Book.select().where(Book.author == author):  # expect: query-in-loop
            lines.append(f"{author.name}: {book.title}")
    return lines


def loan_counts(books):
    return {book.id: Loan.select().where(Loan.book == book).count() for book in books}  # expect: query-in-loop


def add_copies(isbns):
    for book in Book.select().where(Book.isbn.in_(isbns)):
        book.copies += 1
        book.save()  # expect: query-in-loop


def return_books(loan_ids):
    for loan_id in loan_ids:
        Loan.delete().where(Loan.id == loan_id).execute()  # expect: query-in-loop

"""Background tasks using the library models from another module."""
from library.config import Config
from library.models import Book, Member


def send_reminders(member_ids, mailer):
    for member_id in member_ids:
        member = Member.get_by_id(member_id)  # expect: query-in-loop
        mailer.send(member.email, "Your books are due soon")


def checkout(member, isbns):
    for isbn in isbns:
        book = Book.get_or_none(Book.isbn == isbn)  # expect: query-in-loop
        if book is not None:
            book.borrower = member
            book.save()  # expect: query-in-loop


def loan_policy(keys):
    return {key: Config.get(key) for key in keys}


def overdue_titles(member_ids):
    return [book.title for book in Book.select().where(Book.borrower.in_(member_ids))]

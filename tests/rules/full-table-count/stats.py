from django.db import connection


def total_visits():
    with connection.cursor() as cursor:
        cursor.execute("select count(1) from visits")  # expect: full-table-count
        return cursor.fetchone()[0]

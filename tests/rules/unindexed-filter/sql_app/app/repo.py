"""Raw SQL through DB-API cursors, judged against db/**/*.sql."""
import sqlite3

import psycopg2

conn = psycopg2.connect("dbname=shop")


def by_note(note):
    with conn.cursor() as cur:
        cur.execute("SELECT id FROM orders WHERE note = %s", (note,))  # expect: unindexed-filter
        return cur.fetchall()


def in_city(city):
    cur = conn.cursor()
    # users_city_idx was dropped again in 0004
    cur.execute("SELECT * FROM users WHERE city = %s", (city,))  # expect: unindexed-filter
    return cur.fetchall()


def recent(since):
    cur = conn.cursor()
    # created_at is the second column of orders_customer_created
    cur.execute("SELECT * FROM orders WHERE created_at > %s ORDER BY created_at", (since,))  # expect: unindexed-filter
    return cur.fetchall()


def rename_referred(name, ref):
    cur = conn.cursor()
    cur.execute("UPDATE users SET name = %s WHERE referrer = %s", (name, ref))  # expect: unindexed-filter


def drop_sku(sku):
    cur = conn.cursor()
    # sku is second in PRIMARY KEY (order_id, sku)
    cur.execute("DELETE FROM order_items WHERE sku = %s", (sku,))  # expect: unindexed-filter


def big(total):
    cur = conn.cursor()
    cur.execute(  # expect: unindexed-filter
        """
        SELECT o.id, o.total
        FROM orders AS o
        WHERE o.total >= %(total)s
        """,
        {"total": total},
    )
    return cur.fetchall()


def unpaid_memo(memo):
    cur = conn.cursor()
    cur.execute("SELECT id FROM ledger WHERE kind = %s", (memo,))  # expect: unindexed-filter


def quiet(status, customer, email, uid, oid, ref, note, sku, name, sql, actor, kind, number, customer_id):
    cur = conn.cursor()
    cur.execute("SELECT * FROM orders WHERE status = %s", (status,))  # 0002 adds its index
    cur.execute("SELECT * FROM orders WHERE customer_id = %s", (customer,))  # leading column
    cur.execute("SELECT * FROM users WHERE email = %s", (email,))  # UNIQUE
    cur.execute("SELECT * FROM users WHERE id = %s", (uid,))  # PRIMARY KEY
    cur.execute("SELECT * FROM order_items WHERE order_id = %s", (oid,))  # leading column of the key
    cur.execute("SELECT * FROM payments WHERE ref = %s", (ref,))  # in no schema file
    cur.execute("SELECT * FROM users WHERE active = true")  # a boolean
    cur.execute("SELECT * FROM users WHERE lower(email) = lower(%s)", (email,))  # an expression
    cur.execute("SELECT * FROM orders WHERE note = %s OR status = %s", (note, status))  # OR: not read
    cur.execute("SELECT * FROM orders WHERE id IN (SELECT order_id FROM order_items WHERE sku = %s)", (sku,))
    cur.execute("SELECT * FROM orders WHERE status = %s AND note = %s", (status, note))  # one indexed
    cur.execute(f"SELECT * FROM orders WHERE note = '{note}'")  # not a literal
    cur.execute("SELECT * FROM users WHERE name LIKE %s", (name,))  # LIKE: not this rule's business
    cur.execute(sql)  # not a literal
    cur.execute("INSERT INTO orders (note) VALUES (%s)", (note,))
    cur.execute("SELECT * FROM audit WHERE actor = %s", (actor,))  # V10 re-creates the index after V2
    cur.execute("SELECT * FROM events WHERE kind = %s", (kind,))  # the .down.sql is not applied
    cur.execute("SELECT * FROM invoices WHERE number = %s", (number,))  # UNIQUE KEY
    cur.execute("SELECT * FROM invoices WHERE customer = %s", (customer_id,))  # MySQL indexes the FK
    cur.execute("SELECT * FROM invoices WHERE memo = %s", (note,))  # KEY on a prefix of memo
    sqlite3.connect(":memory:").execute("SELECT * FROM orders o JOIN users u ON u.id = o.user_id")

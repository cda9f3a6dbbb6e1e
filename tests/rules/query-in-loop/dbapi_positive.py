"""DB-API drivers (sqlite3, psycopg2, pymysql) running a statement per iteration."""
import sqlite3

import psycopg2
import pymysql


def user_names(db_path, user_ids):
    conn = sqlite3.connect(db_path)
    cursor = conn.cursor()
    names = {}
    for uid in user_ids:
        cursor.execute("SELECT name FROM users WHERE id = ?", (uid,))  # expect: query-in-loop
        row = cursor.fetchone()
        names[uid] = row[0] if row else None
    conn.close()
    return names


def order_totals(dsn, customer_ids):
    totals = {}
    with psycopg2.connect(dsn) as conn:
        with conn.cursor() as cur:
            for customer_id in customer_ids:
                cur.execute("SELECT COALESCE(SUM(total), 0) FROM orders WHERE customer_id = %s", (customer_id,))  # expect: query-in-loop
                totals[customer_id] = cur.fetchone()[0]
    return totals


def insert_events(conn, events):
    cur = conn.cursor()
    for event in events:
        cur.execute("INSERT INTO events (kind, payload) VALUES (%s, %s)", (event.kind, event.payload))  # expect: query-in-loop
    conn.commit()


def tag_counts(db_path, tags):
    conn = sqlite3.connect(db_path)
    return {tag: conn.execute("SELECT COUNT(*) FROM post_tags WHERE tag = ?", (tag,)).fetchone()[0] for tag in tags}  # expect: query-in-loop


def archive_sessions(connection, session_ids):
    for sid in session_ids:
        connection.execute("DELETE FROM sessions WHERE id = ?", (sid,))  # expect: query-in-loop
    connection.commit()


def finish_jobs(dsn):
    conn = psycopg2.connect(dsn)
    reader = conn.cursor()
    writer = conn.cursor()
    reader.execute("SELECT id FROM jobs WHERE state = 'queued'")
    row = reader.fetchone()
    while row is not None:
        writer.execute("UPDATE jobs SET state = 'done' WHERE id = %s", (row[0],))  # expect: query-in-loop
        row = reader.fetchone()
    conn.commit()


def priced_items(db_path, items):
    conn = sqlite3.connect(db_path)
    cur = conn.cursor()
    priced = []
    for item in items:
        cur.execute("SELECT value FROM settings WHERE key = 'tax_rate'")  # expect: query-in-loop
        rate = float(cur.fetchone()[0])
        priced.append((item["sku"], item["price"] * (1 + rate)))
    return priced


def stock_levels(skus):
    conn = pymysql.connect(host="localhost", user="shop", database="shop")
    levels = {}
    with conn.cursor() as cursor:
        for sku in skus:
            cursor.execute("SELECT stock FROM products WHERE sku = %s", (sku,))  # expect: query-in-loop
            levels[sku] = cursor.fetchone()[0]
    return levels


class AuditLog:
    def __init__(self, conn):
        self.conn = conn

    def record_all(self, entries):
        for entry in entries:
            self.conn.execute("INSERT INTO audit (actor, action) VALUES (?, ?)", (entry.actor, entry.action))  # expect: query-in-loop
        self.conn.commit()


def tag_counts_fstring(conn, tags):
    counts = {}
    for tag in tags:
        # the same query with a value spliced in: still one query per row
        counts[tag] = conn.execute(f"SELECT COUNT(*) FROM post_tags WHERE tag = '{tag}'").fetchone()  # expect: query-in-loop
    return counts

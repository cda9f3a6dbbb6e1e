"""DB-API code that sends one statement for many rows. Every line stays quiet."""
import sqlite3

import psycopg2
from psycopg2.extras import execute_values


def insert_events(conn, events):
    rows = []
    for event in events:
        rows.append((event.kind, event.payload))
    cur = conn.cursor()
    cur.executemany("INSERT INTO events (kind, payload) VALUES (?, ?)", rows)
    conn.commit()


def user_names(db_path, user_ids):
    conn = sqlite3.connect(db_path)
    placeholders = ",".join("?" for _ in user_ids)
    cur = conn.execute(f"SELECT id, name FROM users WHERE id IN ({placeholders})", list(user_ids))
    names = {}
    for uid, name in cur.fetchall():
        names[uid] = name
    return names


def queued_jobs(dsn):
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()
    cur.execute("SELECT id, payload FROM jobs WHERE state = 'queued' ORDER BY id")
    jobs = []
    row = cur.fetchone()
    while row is not None:
        jobs.append(row)
        row = cur.fetchone()
    return jobs


def dump_users(db_path, writer):
    conn = sqlite3.connect(db_path)
    cur = conn.cursor()
    for row in cur.execute("SELECT id, email FROM users ORDER BY id"):
        writer.writerow(row)


def dump_orders(conn, writer):
    cur = conn.cursor()
    cur.execute("SELECT id, total FROM orders")
    for row in cur:
        writer.writerow(row)


def load_prices(dsn, prices):
    with psycopg2.connect(dsn) as conn, conn.cursor() as cur:
        execute_values(cur, "INSERT INTO prices (sku, amount) VALUES %s", [(p.sku, p.amount) for p in prices])


def stream_events(conn, handle):
    cur = conn.cursor()
    cur.execute("SELECT id, kind FROM events")
    while True:
        rows = cur.fetchmany(500)
        if not rows:
            break
        for row in rows:
            handle(row)


def run_pipeline(steps, context):
    # Pipeline steps have an execute() method that is not a database call.
    for step in steps:
        step.execute(context)


def analyze_tables(conn):
    cur = conn.cursor()
    for table in ("orders", "order_lines", "customers"):
        cur.execute(f"ANALYZE {table}")


def connect_with_retry(dsn):
    for attempt in range(3):
        try:
            conn = psycopg2.connect(dsn)
            conn.cursor().execute("SELECT 1")
            return conn
        except psycopg2.OperationalError:
            continue
    raise RuntimeError("database unavailable")


def apply_schema(conn, statements):
    # A list of different statements (a script, DDL): not the same query per row.
    cursor = conn.cursor()
    for sql in statements:
        cursor.execute(sql)


def reset_sequences(cursor, sequence_sql):
    for line in sequence_sql:
        cursor.execute(line)

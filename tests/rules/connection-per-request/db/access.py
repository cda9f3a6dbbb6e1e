import psycopg2


def fetch_orders():
    conn = psycopg2.connect("dbname=shop")  # expect: connection-per-request
    try:
        return conn.cursor().fetchall()
    finally:
        conn.close()

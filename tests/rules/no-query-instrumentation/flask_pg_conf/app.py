from flask import Flask
import psycopg2

app = Flask(__name__)


@app.route("/orders")
def orders():
    conn = psycopg2.connect("dbname=shop")
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM orders")
        return {"count": cur.fetchone()[0]}

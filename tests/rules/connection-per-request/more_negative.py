"""Quiet: clients and pools made once, kept on the app, or outside requests."""
import httpx
import psycopg2.pool
import redis
from celery import shared_task
from fastapi import FastAPI
from flask import Flask, current_app

api = FastAPI()
web = Flask(__name__)
db_pool = psycopg2.pool.SimpleConnectionPool(1, 10, "dbname=shop")
client = httpx.Client(timeout=5)


def create_app():
    app = Flask(__name__)
    app.redis = redis.Redis()
    return app


@api.on_event("startup")
async def startup():
    api.state.http = httpx.AsyncClient(timeout=5)


@api.get("/users")
async def users():
    return (await api.state.http.get("https://x.example")).json()


@web.route("/counter")
def counter():
    return str(current_app.redis.incr("hits"))


@web.route("/db")
def db():
    conn = db_pool.getconn()
    try:
        return str(conn.cursor().execute("SELECT 1"))
    finally:
        db_pool.putconn(conn)


@web.route("/proxy")
def proxy():
    return client.get("https://x.example").text


@shared_task
def nightly():
    conn = psycopg2.connect("dbname=shop")
    conn.close()

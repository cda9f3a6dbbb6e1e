"""Connections opened per request, and pools created once."""
import functools
import sqlite3

import httpx
import psycopg2
import pymongo
import redis
import requests
from django.http import JsonResponse
from flask import Flask, g
from sqlalchemy import create_engine

from db.access import fetch_orders

app = Flask(__name__)
pool = psycopg2.connect("dbname=shop")  # at start-up: once
cache = redis.Redis(host="localhost")
_engine = None


def orders(request):
    conn = psycopg2.connect("dbname=shop")  # expect: connection-per-request
    return JsonResponse({"n": conn.cursor().execute("SELECT 1")})


def report(request):
    return JsonResponse({"rows": fetch_orders()})


def mongo(request):
    client = pymongo.MongoClient("mongodb://localhost")  # expect: connection-per-request
    return JsonResponse({"n": client.shop.orders.count_documents({})})


def counter(request):
    r = redis.Redis(host="localhost")  # expect: connection-per-request
    return JsonResponse({"n": r.incr("hits")})


def counter_ok(request):
    return JsonResponse({"n": cache.incr("hits")})


def engine_view(request):
    engine = create_engine("postgresql:///shop")  # expect: connection-per-request
    return JsonResponse({"ok": engine is not None})


def engine_ok(request):
    global _engine
    if _engine is None:
        _engine = create_engine("postgresql:///shop")
    return JsonResponse({"ok": True})


def proxy(request):
    with requests.Session() as s:  # expect: connection-per-request
        return JsonResponse(s.get("https://x.example", timeout=3).json())


def proxy_httpx(request):
    with httpx.Client(timeout=3) as client:  # expect: connection-per-request
        return JsonResponse(client.get("https://x.example").json())


@functools.lru_cache(maxsize=None)
def shared_client():
    return httpx.Client(timeout=3)


def proxy_ok(request):
    return JsonResponse(shared_client().get("https://x.example").json())


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect("shop.db")  # expect: connection-per-request
    return g.db


@app.route("/items")
def items():
    return {"items": get_db().execute("SELECT * FROM items").fetchall()}


def not_routed(request_like):
    return psycopg2.connect("dbname=shop")

"""Blocking calls on the loop in aiohttp, Django async views, Starlette, Tornado, Quart, Sanic."""
import smtplib
import time

import psycopg2
import requests
from aiohttp import web
from django.db import models
from django.urls import path
from quart import Quart
from sanic import Sanic
from starlette.routing import Route
from tornado.web import RequestHandler

routes = web.RouteTableDef()
qapp = Quart(__name__)
sapp = Sanic("shop")


class Order(models.Model):
    status = models.CharField(max_length=20)


def pause():
    time.sleep(1)  # expect: blocking-in-event-loop


async def health(request):
    pause()
    return web.Response(text="ok")


@routes.get("/proxy")
async def proxy(request):
    return web.json_response(requests.get("https://x.example", timeout=2).json())  # expect: blocking-in-event-loop


async def order_view(request, pk):
    order = Order.objects.get(pk=pk)  # expect: blocking-in-event-loop
    return order


async def open_orders(request):
    names = []
    for order in Order.objects.filter(status="open"):  # expect: blocking-in-event-loop
        names.append(order.status)
    return names


async def stats(request):
    conn = psycopg2.connect("dbname=shop")  # expect: blocking-in-event-loop
    return conn


class PingHandler(RequestHandler):
    def get(self):
        time.sleep(0.1)  # expect: blocking-in-event-loop
        self.write("pong")


@qapp.route("/mail")
async def mail():
    server = smtplib.SMTP("localhost")  # expect: blocking-in-event-loop
    server.sendmail("a@x", ["b@x"], "hi")  # expect: blocking-in-event-loop
    return "sent"


@sapp.get("/nap")
async def nap(request):
    time.sleep(1)  # expect: blocking-in-event-loop


app = web.Application()
app.router.add_get("/health", health)
urlpatterns = [Route("/stats", stats)]
django_urls = [path("orders/<int:pk>/", order_view), path("orders/open/", open_orders)]

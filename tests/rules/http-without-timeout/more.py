import http.client

import requests
import urllib3
from django.urls import path

pool = urllib3.PoolManager()
pool_ok = urllib3.PoolManager(timeout=urllib3.Timeout(connect=2, read=5))


def status(request):
    return requests.request("GET", "https://status.example")  # expect: http-without-timeout


def pooled(request):
    return pool.request("GET", "https://x.example")  # expect: http-without-timeout


def pooled_ok(request):
    return pool_ok.request("GET", "https://x.example")


def raw(request):
    conn = http.client.HTTPSConnection("x.example")
    conn.request("GET", "/")  # expect: http-without-timeout
    return conn.getresponse()


def raw_ok(request):
    conn = http.client.HTTPSConnection("x.example", timeout=5)
    conn.request("GET", "/")
    return conn.getresponse()


urlpatterns = [
    path("status/", status),
    path("pooled/", pooled),
    path("pooled-ok/", pooled_ok),
    path("raw/", raw),
    path("raw-ok/", raw_ok),
]

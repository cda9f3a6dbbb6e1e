"""Outbound HTTP on request paths, with and without timeouts."""
import urllib.request

import httpx
import requests
from flask import Blueprint, Flask

from clients.payments import charge
from clients.geo import geocode

app = Flask(__name__)
bp = Blueprint("api", __name__)
session = requests.Session()
fast = httpx.Client(timeout=None)
ok_client = httpx.Client()


@app.route("/rates")
def rates():
    return requests.get("https://rates.example/latest").json()  # expect: http-without-timeout


@app.route("/rates-ok")
def rates_ok():
    return requests.get("https://rates.example/latest", timeout=(3.05, 10)).json()


@app.post("/hook")
def hook():
    requests.post("https://hooks.example/x", json={"a": 1}, timeout=None)  # expect: http-without-timeout
    return "ok"


@bp.get("/profile")
def profile():
    return session.get("https://profiles.example/me").json()  # expect: http-without-timeout


@bp.get("/profile-ok")
def profile_ok():
    return session.get("https://profiles.example/me", timeout=5).json()


@bp.get("/legacy")
def legacy():
    return urllib.request.urlopen("https://legacy.example/x").read()  # expect: http-without-timeout


@bp.get("/legacy-ok")
def legacy_ok():
    return urllib.request.urlopen("https://legacy.example/x", None, 5).read()


@app.route("/fast")
def fast_call():
    return fast.get("https://x.example").json()  # expect: http-without-timeout


@app.route("/httpx-default")
def httpx_default():
    return httpx.get("https://x.example").json() or ok_client.get("https://y.example").json()


@app.route("/httpx-off")
def httpx_off():
    return httpx.get("https://x.example", timeout=None).json()  # expect: http-without-timeout


@app.route("/pay", methods=["POST"])
def pay():
    return charge(100)


@app.route("/where")
def where():
    return geocode("Paris")


@app.route("/opts")
def opts(**kwargs):
    return requests.get("https://x.example", **kwargs).json()


def not_routed():
    return requests.get("https://x.example").json()


if __name__ == "__main__":
    print(requests.get("https://x.example").status_code)

"""Per-process state written by request paths, and shared-store twins."""
import collections
import os

import redis
from flask import Flask, request, session

app = Flask(__name__)
store = redis.Redis()

SESSIONS = {}
HITS = collections.defaultdict(int)
RECENT = []
seen_ips = set()
request_count = 0
_template_cache = {}
ROUTES = {}
UPLOAD_DIR = "/var/uploads"


@app.route("/login", methods=["POST"])
def login():
    token = os.urandom(16).hex()
    SESSIONS[token] = request.form["user"]  # expect: in-process-state
    return token


@app.route("/hit")
def hit():
    HITS[request.remote_addr] += 1  # expect: in-process-state
    return str(HITS[request.remote_addr])


@app.route("/recent", methods=["POST"])
def recent():
    RECENT.append(request.json)  # expect: in-process-state
    return "ok"


@app.route("/seen")
def seen():
    seen_ips.add(request.remote_addr)  # expect: in-process-state
    return str(len(seen_ips))


@app.route("/count")
def count():
    global request_count
    request_count += 1  # expect: in-process-state
    return str(request_count)


@app.route("/logout", methods=["POST"])
def logout():
    SESSIONS.pop(request.form["token"], None)  # expect: in-process-state
    return "bye"


@app.route("/upload", methods=["POST"])
def upload():
    request.files["photo"].save(os.path.join(UPLOAD_DIR, "photo.jpg"))  # expect: in-process-state
    return "saved"


# --- quiet ---

@app.route("/hit-shared")
def hit_shared():
    return str(store.incr("hits:" + request.remote_addr))


@app.route("/local")
def local():
    counts = {}
    counts["a"] = 1
    return str(counts)


@app.route("/template")
def template():
    _template_cache["home"] = "<h1>home</h1>"
    return _template_cache["home"]


@app.route("/session")
def flask_session():
    session["seen"] = True
    return "ok"


def register(path, fn):
    ROUTES[path] = fn


register("/x", hit)


def not_routed():
    RECENT.clear()

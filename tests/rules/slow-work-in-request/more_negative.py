"""Quiet: slow work handed to queues, done in background code, or not slow."""
import subprocess
import time

from django.core.mail import send_mail
from django_rq import job
from dramatiq import actor
from fastapi import FastAPI
from PIL import Image
from rq import Queue

app = FastAPI()
queue = Queue()


@job
def resize_later(path):
    Image.open(path).thumbnail((64, 64))


@actor
def mail_later(to):
    send_mail("Hi", "Hello", "a@example.com", [to])


def rebuild_index():
    subprocess.run(["reindex"], check=True)


@app.post("/resize")
def resize(path: str):
    resize_later.delay(path)
    return {"queued": True}


@app.post("/mail")
def mail(to: str):
    mail_later.send(to)
    return {"queued": True}


@app.post("/reindex")
def reindex():
    queue.enqueue(rebuild_index)
    return {"queued": True}


@app.get("/now")
def now():
    return {"t": time.time()}


@app.get("/monotonic")
async def monotonic():
    return {"t": time.monotonic()}


from shop.tasks import send_receipt


@app.post("/receipt-inline")
def receipt_inline(order_id: int):
    # Calling the task function runs it inline (Huey would enqueue it); task
    # bodies are background code, so the rule stays quiet either way.
    send_receipt(order_id)
    return {"ok": True}

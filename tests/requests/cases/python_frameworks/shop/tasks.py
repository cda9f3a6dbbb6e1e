import dramatiq
from celery import Celery, shared_task

from shop.helpers import load

app = Celery("shop")


@shared_task
def nightly():
    return load()


@app.task(bind=True)
def hourly(self):
    return load()


@dramatiq.actor
def process(x):
    return x

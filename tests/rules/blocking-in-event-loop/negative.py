"""Correct async code and blocking code off the loop: all quiet."""
import asyncio
import time

import aiofiles
import httpx
import requests
from asgiref.sync import sync_to_async
from celery import shared_task
from fastapi import FastAPI
from flask import Flask

app = FastAPI()
flask_app = Flask(__name__)
client = httpx.AsyncClient(timeout=5)

# Work at import time runs once, before any request.
time.sleep(0)
with open("settings.json") as fh:
    SETTINGS = fh.read()


def blocking_helper():
    time.sleep(1)
    return requests.get("https://x.example", timeout=3).json()


@sync_to_async
def orm_helper():
    time.sleep(1)


@app.get("/sync")
def sync_endpoint():
    time.sleep(1)
    return requests.get("https://x.example", timeout=3).json()


@app.get("/async-sleep")
async def async_sleep():
    await asyncio.sleep(1)


@app.get("/to-thread")
async def to_thread():
    return await asyncio.to_thread(blocking_helper)


@app.get("/executor")
async def executor():
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, blocking_helper)


@app.get("/async-client")
async def async_client():
    r = await client.get("https://x.example")
    return r.json()


@app.get("/offloaded")
async def offloaded():
    await orm_helper()


@app.get("/aiofiles")
async def read_async():
    async with aiofiles.open("x.txt") as fh:
        return await fh.read()


async def never_routed():
    time.sleep(1)


@flask_app.route("/flask-async")
async def flask_async():
    time.sleep(1)


@shared_task
def nightly():
    time.sleep(10)


class Scheduler:
    def route(self, path):
        return lambda f: f


sched = Scheduler()


@sched.route("/not-a-web-route")
async def not_a_route():
    time.sleep(1)

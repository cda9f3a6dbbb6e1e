"""Blocking calls inside async FastAPI handlers: they stall the event loop."""
import os
import subprocess
import time
from pathlib import Path

import requests
from fastapi import APIRouter, FastAPI

from svc.rates import load_rates
from svc.reports import reporter

app = FastAPI()
router = APIRouter()
http = requests.Session()


@app.get("/slow")
async def slow():
    time.sleep(0.5)  # expect: blocking-in-event-loop
    return {"ok": True}


@app.get("/quote")
async def quote(currency: str):
    r = requests.get("https://rates.example/" + currency, timeout=5)  # expect: blocking-in-event-loop
    return r.json()


@app.get("/rates")
async def rates():
    return load_rates()


@router.post("/convert")
async def convert(path: str):
    subprocess.run(["convert", path, "out.png"], check=True)  # expect: blocking-in-event-loop
    return {"ok": True}


@router.get("/readme")
async def readme():
    with open("README.md") as fh:  # expect: blocking-in-event-loop
        return fh.read()


@router.get("/config")
async def config():
    return Path("config.json").read_text()  # expect: blocking-in-event-loop


@app.get("/session")
async def through_session():
    return http.get("https://api.example/x", timeout=3).json()  # expect: blocking-in-event-loop


@app.get("/report")
async def report():
    return reporter.build()


@app.get("/system")
async def system():
    os.system("sync")  # expect: blocking-in-event-loop
    return {}

import aiohttp
import asyncpg
from fastapi import FastAPI

app = FastAPI()
state = {}


@app.get("/a")
async def a():
    async with aiohttp.ClientSession() as session:  # expect: connection-per-request
        async with session.get("https://x.example") as r:
            return await r.json()


@app.get("/b")
async def b():
    conn = await asyncpg.connect("postgresql:///shop")  # expect: connection-per-request
    return await conn.fetch("SELECT 1")


@app.on_event("startup")
async def startup():
    state["pool"] = await asyncpg.create_pool("postgresql:///shop")


@app.get("/c")
async def c():
    async with state["pool"].acquire() as conn:
        return await conn.fetch("SELECT 1")


class Repo:
    def __init__(self):
        self.session = aiohttp.ClientSession()

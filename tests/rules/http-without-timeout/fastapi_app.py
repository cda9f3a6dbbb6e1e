import aiohttp
import httpx
from fastapi import FastAPI

app = FastAPI()


@app.get("/a")
async def a():
    async with httpx.AsyncClient() as client:
        return (await client.get("https://x.example")).json()


@app.get("/b")
async def b():
    async with httpx.AsyncClient(timeout=None) as client:
        return (await client.get("https://x.example")).json()  # expect: http-without-timeout


@app.get("/c")
async def c():
    async with aiohttp.ClientSession() as s:
        async with s.get("https://x.example") as r:
            return await r.json()

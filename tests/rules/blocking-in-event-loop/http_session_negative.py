"""An HTTP client session named `session` is not an ORM session: its calls are
outbound HTTP (other rules judge them), not synchronous queries."""
import aiohttp
import httpx
from fastapi import FastAPI

app = FastAPI()


@app.get("/fetch")
async def fetch():
    async with aiohttp.ClientSession() as session:  # a client per request: connection-per-request's business
        async with session.get("https://x.example", timeout=5) as r:
            return await r.json()


@app.get("/post")
async def post():
    async with httpx.AsyncClient(timeout=5) as session:
        resp = await session.post("https://x.example/hook", json={})
        return resp.json()

"""HTTP calls that do not run once per item, and look-alikes: quiet."""
import asyncio
import os
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import aiohttp
import httpx
import requests

from . import api
from .api import ApiClient, build_url, fetch_user


def once(url):
    return requests.get(url, timeout=5)


def retries(url):
    for attempt in range(3):
        response = requests.get(url, timeout=5)
        if response.ok:
            return response
    return None


def paging(url):
    items = []
    while url:
        page = requests.get(url, timeout=5).json()
        items.extend(page["items"])
        url = page.get("next")
    return items


def first_ok(urls):
    for url in urls:
        return requests.get(url, timeout=5)


def until_found(urls):
    for url in urls:
        response = requests.head(url, timeout=5)
        break


async def gathered(urls):
    async with httpx.AsyncClient() as client:
        return await asyncio.gather(*[api.fetch_async(client, u) for u in urls])


async def aiohttp_gathered(urls):
    async with aiohttp.ClientSession() as session:
        return await asyncio.gather(*[session.get(u) for u in urls])


async def tasks_list(urls):
    async with httpx.AsyncClient() as client:
        tasks = []
        for url in urls:
            tasks.append(client.get(url))
        return await asyncio.gather(*tasks)


def dict_get(rows):
    return [row.get("url") for row in rows]


def env(names):
    return [os.environ.get(n) for n in names]


def sessions_only(urls):
    return [requests.Session() for _ in urls]


def no_http(user_ids):
    return [build_url(u) for u in user_ids]


def lambdas(urls):
    return [lambda: requests.get(u, timeout=5) for u in urls]


def defs(urls):
    callbacks = []
    for url in urls:
        def later():
            return requests.get(url, timeout=5)
        callbacks.append(later)
    return callbacks


def thread_pool(urls):
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(fetch_user, urls))


def submitted(urls):
    with ThreadPoolExecutor(max_workers=8) as pool:
        return [pool.submit(fetch_user, u) for u in urls]


def untyped(client, user_ids):
    # what `client` is cannot be known here
    return [client.get(u) for u in user_ids]


def url_methods(user_ids):
    client = ApiClient()
    return [client.url_for(u) for u in user_ids]


def literal_urls():
    return [requests.get(u, timeout=5) for u in ("https://a.example.com", "https://b.example.com")]


def small_range(url):
    return [requests.get(url, timeout=5) for _ in range(2)]


def raises(urls):
    for url in urls:
        requests.post(url, timeout=5)
        raise RuntimeError("stop")


def responses(responses):
    return [r.json() for r in responses]


def encode(params):
    return [urllib.parse.urlencode(p) for p in params]


class Repository:
    def __init__(self, db):
        self.session = db.session

    def load_all(self, ids, model):
        return [self.session.get(model, i) for i in ids]


def endless(queue):
    while True:
        job = queue.get()
        requests.post(job.url, timeout=5)


async def untyped_helper(client, urls):
    for url in urls:
        await api.fetch_untyped(client, url)

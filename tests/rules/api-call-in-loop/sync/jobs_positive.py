"""One HTTP request per item of a loop."""
import http.client
import urllib.request

import aiohttp
import httpx
import requests
import urllib3

from . import api
from .api import ApiClient, fetch_user, notify


def direct(user_ids):
    for user_id in user_ids:
        requests.get(f"https://api.example.com/users/{user_id}", timeout=5)  # expect: api-call-in-loop


def comprehension(urls):
    return [requests.post(u, timeout=5) for u in urls]  # expect: api-call-in-loop


def session_variable(urls):
    session = requests.Session()
    for url in urls:
        session.get(url, timeout=5)  # expect: api-call-in-loop


def session_context(urls):
    with requests.Session() as s:
        return [s.get(u, timeout=5).status_code for u in urls]  # expect: api-call-in-loop


def httpx_function(urls):
    return {u: httpx.get(u) for u in urls}  # expect: api-call-in-loop


def httpx_client(urls):
    client = httpx.Client()
    for url in urls:
        client.post(url, json={})  # expect: api-call-in-loop


async def httpx_async(urls):
    async with httpx.AsyncClient() as client:
        for url in urls:
            await client.get(url)  # expect: api-call-in-loop


async def aiohttp_with(urls):
    async with aiohttp.ClientSession() as session:
        for url in urls:
            async with session.get(url) as response:  # expect: api-call-in-loop
                await response.text()


async def aiohttp_awaited(urls):
    async with aiohttp.ClientSession() as session:
        for url in urls:
            await session.post(url, json={})  # expect: api-call-in-loop


def urlopen(urls):
    for url in urls:
        urllib.request.urlopen(url, timeout=5)  # expect: api-call-in-loop


def pool_manager(urls):
    http = urllib3.PoolManager()
    return [http.request("GET", u) for u in urls]  # expect: api-call-in-loop


def http_client(paths):
    conn = http.client.HTTPSConnection("api.example.com")
    for path in paths:
        conn.request("GET", path)  # expect: api-call-in-loop


def helper_other_file(user_ids):
    return [fetch_user(u) for u in user_ids]  # expect: api-call-in-loop


def helper_two_levels(order_ids):
    for order_id in order_ids:
        notify(order_id)  # expect: api-call-in-loop


def module_function(user_ids):
    return [api.fetch_user(u) for u in user_ids]  # expect: api-call-in-loop


def client_method(user_ids):
    client = ApiClient()
    return [client.get_user(u) for u in user_ids]  # expect: api-call-in-loop


def typed_client(client: ApiClient, user_ids):
    return [client.get_user(u) for u in user_ids]  # expect: api-call-in-loop


def generic_request(urls):
    for url in urls:
        requests.request("GET", url, timeout=5)  # expect: api-call-in-loop


def nested(groups):
    for group in groups:
        for attempt in range(3):
            requests.get(group, timeout=5)  # expect: api-call-in-loop


def generator(urls):
    return sum(len(requests.get(u, timeout=5).content) for u in urls)  # expect: api-call-in-loop


def enumerated(urls):
    for i, url in enumerate(urls):
        requests.put(url, json={"i": i}, timeout=5)  # expect: api-call-in-loop


def invariant(items):
    for item in items:
        requests.get("https://api.example.com/config", timeout=5)  # expect: api-call-in-loop
        item.save()


def with_try(urls):
    for url in urls:
        try:
            requests.delete(url, timeout=5)  # expect: api-call-in-loop
        except requests.RequestException:
            continue


class Syncer:
    def __init__(self):
        self.http = requests.Session()

    def push(self, record):
        return self.http.post("https://api.example.com/records", json=record, timeout=5)

    def push_all(self, records):
        for record in records:
            self.push(record)  # expect: api-call-in-loop


async def awaited_helper(client, urls):
    for url in urls:
        await api.fetch_async(client, url)  # expect: api-call-in-loop

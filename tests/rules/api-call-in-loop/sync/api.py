"""An API client module: the helpers views.py calls per item."""
import httpx
import requests

BASE = "https://api.example.com"


def fetch_user(user_id):
    return requests.get(f"{BASE}/users/{user_id}", timeout=5).json()


def notify(order_id):
    return _post("/notify", {"order": order_id})


def _post(path, payload):
    return requests.post(BASE + path, json=payload, timeout=5)


def build_url(user_id):
    return f"{BASE}/users/{user_id}"


async def fetch_async(client: httpx.AsyncClient, url):
    return await client.get(url)


async def fetch_untyped(client, url):
    # what `client` is cannot be known here: no HTTP effect
    return await client.get(url)


class ApiClient:
    def __init__(self):
        self.session = requests.Session()

    def get_user(self, user_id):
        return self.session.get(f"{BASE}/users/{user_id}", timeout=5)

    def url_for(self, user_id):
        return build_url(user_id)

"""Calls to other services, used by the storefront views."""
import httpx
import requests

CARRIER_URL = "https://carrier.example/rates"
STOCK_URL = "https://warehouse.example/stock/"

stock_client = httpx.AsyncClient(timeout=5)


def shipping_rates_slow(zip_code):
    return requests.get(CARRIER_URL, params={"zip": zip_code}).json()


def shipping_rates(zip_code):
    return requests.get(CARRIER_URL, params={"zip": zip_code}, timeout=(3.05, 10)).json()


def stock_level_slow(sku):
    return requests.get(STOCK_URL + sku, timeout=5).json()


async def stock_level(sku):
    return (await stock_client.get(STOCK_URL + sku)).json()

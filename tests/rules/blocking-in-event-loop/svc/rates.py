import requests


def load_rates():
    return fetch_json("https://rates.example/all")


def fetch_json(url):
    return requests.get(url, timeout=5).json()  # expect: blocking-in-event-loop

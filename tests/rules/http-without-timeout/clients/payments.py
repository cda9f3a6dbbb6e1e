import requests


def charge(amount):
    r = requests.post("https://pay.example/charge", json={"amount": amount})  # expect: http-without-timeout
    return r.json()

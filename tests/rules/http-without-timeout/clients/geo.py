import requests


class Geo:
    def __init__(self):
        self.http = requests.Session()

    def lookup(self, q):
        return self.http.get("https://geo.example", params={"q": q})  # expect: http-without-timeout


_geo = Geo()


def geocode(q):
    return _geo.lookup(q)

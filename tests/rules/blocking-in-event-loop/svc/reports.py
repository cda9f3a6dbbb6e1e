import httpx


class Reporter:
    def __init__(self):
        self.client = httpx.Client(timeout=5)

    def build(self):
        return self.client.get("https://reports.example/x").json()  # expect: blocking-in-event-loop


reporter = Reporter()

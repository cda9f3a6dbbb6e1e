import requests

from .models import Order, OrderLine
from . import helpers


def order_total(order):
    return OrderLine.objects.filter(order=order).count()


def notify(order):
    return requests.post("https://hooks.example.com", json={"id": order.pk})


def process(order):
    helpers.audit(order)
    return order_total(order)


def report(orders):
    return [process(o) for o in orders]


class Mailer:
    def __init__(self):
        self.session = requests.Session()

    def send(self, order):
        return self.session.post("https://mail.example.com", json={"id": order.pk})

    def send_all(self, orders):
        for o in orders:
            self.send(o)

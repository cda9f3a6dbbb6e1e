"""Helpers in another module; views.py calls them per row."""
from .models import OrderLine, Payment


def order_total(order):
    return sum(line.price for line in OrderLine.objects.filter(order=order))


def last_payment(order):
    return _latest(order)


def _latest(order):
    return Payment.objects.filter(order=order).latest("paid_at")


def format_total(order):
    return "%.2f" % order.total


def paid_orders_query(customer):
    return customer.orders.filter(status="paid")  # lazy: returns a queryset


class OrderRepository:
    def lines_of(self, order):
        return list(OrderLine.objects.filter(order=order))

    def label(self, order):
        return "order %s" % order.pk

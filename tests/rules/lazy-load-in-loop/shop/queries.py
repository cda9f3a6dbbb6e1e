"""Helpers that return querysets: the rows the views loop over."""
from .models import Order


def paid_orders():
    return Order.objects.filter(status="paid")


def paid_orders_with_customers():
    return Order.objects.filter(status="paid").select_related("customer")


def with_customers(qs):
    return qs.select_related("customer")

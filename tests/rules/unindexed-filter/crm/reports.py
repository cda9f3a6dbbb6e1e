"""Another file: the same unindexed columns are reported here again, once."""
from .models import Customer, Order


def report(name, status):
    a = Customer.objects.filter(name=name)  # expect: unindexed-filter
    b = Customer.objects.filter(name=name.upper())
    c = Order.objects.filter(status=status)  # expect: unindexed-filter
    d = Order.objects.filter(status=status).first()
    return a, b, c, d

"""Loops that read a relation the query did not load: one query per row."""
from django.db.models import Prefetch

from .models import Customer, Order, OrderLine, Product
from .queries import paid_orders, paid_orders_with_customers


def customer_names():
    names = []
    for order in Order.objects.all():
        names.append(order.customer.name)  # expect: lazy-load-in-loop
    return names


def emails():
    return [o.customer.email for o in Order.objects.filter(status="paid")]  # expect: lazy-load-in-loop


def tenants():
    return [o.customer.tenant.name for o in Order.objects.select_related("customer")]  # expect: lazy-load-in-loop


def tenant_objects():
    return [o.customer.tenant for o in Order.objects.select_related("customer")]  # expect: lazy-load-in-loop


def line_skus():
    rows = []
    for order in Order.objects.filter(status="paid"):
        for line in order.lines.all():  # expect: lazy-load-in-loop
            rows.append(line.quantity)
    return rows


def line_counts():
    return [len(o.lines.all()) for o in Order.objects.all()]  # expect: lazy-load-in-loop


def line_lists():
    return {o.pk: list(o.lines.all()) for o in Order.objects.all()}  # expect: lazy-load-in-loop


def big_lines():
    rows = []
    for order in Order.objects.prefetch_related("lines"):
        rows.extend(order.lines.filter(quantity__gt=10))  # expect: lazy-load-in-loop
    return rows


def ordered_lines():
    rows = []
    for order in Order.objects.all():
        for line in order.lines.order_by("quantity"):  # expect: lazy-load-in-loop
            rows.append(line)
    return rows


def through_variable():
    orders = Order.objects.filter(status="paid")
    return [o.customer.name for o in orders]  # expect: lazy-load-in-loop


def refined_variable(status):
    orders = Order.objects.all()
    if status:
        orders = orders.filter(status=status)
    return [o.customer.name for o in orders]  # expect: lazy-load-in-loop


def through_helper():
    return [o.customer.name for o in paid_orders()]  # expect: lazy-load-in-loop


def through_helper_refined():
    return [o.customer.name for o in paid_orders().exclude(status="void")]  # expect: lazy-load-in-loop


def enumerated():
    rows = []
    for i, order in enumerate(Order.objects.all()):
        rows.append((i, order.customer.name))  # expect: lazy-load-in-loop
    return rows


def payments():
    return [o.payment.amount for o in Order.objects.all()]  # expect: lazy-load-in-loop


def reverse_foreign_key():
    rows = []
    for customer in Customer.objects.all():
        for order in customer.orders.all():  # expect: lazy-load-in-loop
            rows.append(order.status)
    return rows


def many_to_many():
    return [[t.label for t in p.tags.all()] for p in Product.objects.all()]  # expect: lazy-load-in-loop


def related_method():
    return [o.customer.get_full_name() for o in Order.objects.all()]  # expect: lazy-load-in-loop


def nested_rows():
    rows = []
    for order in Order.objects.prefetch_related("lines"):
        for line in order.lines.all():
            rows.append(line.product.name)  # expect: lazy-load-in-loop
    return rows


def generator():
    return sum(line.product.price for line in OrderLine.objects.all())  # expect: lazy-load-in-loop


def other_relation():
    return [o.payment.amount for o in Order.objects.select_related("customer")]  # expect: lazy-load-in-loop


def prefetch_other():
    return [o.customer.name for o in Order.objects.prefetch_related("lines")]  # expect: lazy-load-in-loop


def helper_loads_other():
    return [o.payment.amount for o in paid_orders_with_customers()]  # expect: lazy-load-in-loop


def prefetch_object_other():
    orders = Order.objects.prefetch_related(Prefetch("lines", queryset=OrderLine.objects.filter(quantity__gt=1)))
    return [o.customer.name for o in orders]  # expect: lazy-load-in-loop


def once_per_loop():
    rows = []
    for order in Order.objects.all():
        rows.append(order.customer.name)  # expect: lazy-load-in-loop
        rows.append(order.customer.email)
    return rows


def evaluated_first():
    orders = list(Order.objects.filter(status="paid"))
    return [o.customer.name for o in orders]  # expect: lazy-load-in-loop


def sorted_rows():
    return [o.customer.name for o in sorted(Order.objects.all(), key=lambda o: o.pk)]  # expect: lazy-load-in-loop

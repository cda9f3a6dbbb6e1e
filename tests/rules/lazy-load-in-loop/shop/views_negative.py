"""Loops whose query loads what they read, or that read no relation: quiet."""
from django.db.models import Prefetch

from .models import Order, OrderLine
from .queries import paid_orders_with_customers, with_customers


def selected():
    return [o.customer.name for o in Order.objects.select_related("customer")]


def prefetched():
    return [[l.quantity for l in o.lines.all()] for o in Order.objects.prefetch_related("lines")]


def foreign_key_column():
    return [o.customer_id for o in Order.objects.all()]


def values():
    return [row["customer__name"] for row in Order.objects.values("customer__name")]


def values_list():
    return [o.customer for o in Order.objects.values_list("customer", flat=True)]


def select_all_related():
    return [o.customer.name for o in Order.objects.select_related()]


def prefetch_object():
    orders = Order.objects.prefetch_related(Prefetch("lines", queryset=OrderLine.objects.filter(quantity__gt=1)))
    return [[l.quantity for l in o.lines.all()] for o in orders]


def prefetch_to_attr():
    orders = Order.objects.prefetch_related(Prefetch("lines", to_attr="big_lines"))
    return [[l.quantity for l in o.big_lines] for o in orders]


def nested_prefetched():
    rows = []
    for order in Order.objects.prefetch_related("lines__product"):
        for line in order.lines.all():
            rows.append(line.product.name)
    return rows


def deep_selected():
    return [o.customer.tenant.name for o in Order.objects.select_related("customer__tenant")]


def untyped(orders):
    # what `orders` holds is not known here: the caller may have loaded it
    return [o.customer.name for o in orders]


def through_helper():
    return [o.customer.name for o in paid_orders_with_customers()]


def custom_queryset_method():
    # a custom queryset method may load anything: not known, so quiet
    return [o.customer.name for o in Order.objects.with_everything()]


def columns_only():
    return [(o.status, o.pk, o.is_paid) for o in Order.objects.all()]


def ids(pks):
    return [Order.objects.get(pk=pk) for pk in pks]


def count_is_another_rule():
    # a related count runs a query per row: query-in-loop reports it, not this rule
    return [o.lines.count() for o in Order.objects.all()]


def small_literal():
    order = Order.objects.get(pk=1)
    return [order.customer.name for _ in (1, 2)]


def not_called_here():
    handlers = []
    for order in Order.objects.all():
        def later():
            return order.customer.name
        handlers.append(later)
    return handlers


def iterator_selected():
    return [o.customer.name for o in Order.objects.select_related("customer").iterator()]


def helper_with_param():
    # the helper refines a parameter: what it returns is not followed
    return [o.customer.name for o in with_customers(Order.objects.all())]


def single_row():
    order = Order.objects.get(pk=1)
    return order.customer.name


def prefetched_then_all_again():
    orders = Order.objects.prefetch_related("lines")
    total = 0
    for order in orders:
        total += len(order.lines.all())
    return total


def selected_in_variable():
    orders = Order.objects.filter(status="paid")
    orders = orders.select_related("customer")
    return [o.customer.name for o in orders]


def only_manager():
    # reading the related manager itself loads nothing
    return [o.lines for o in Order.objects.all()]


def evaluated_selected():
    orders = list(Order.objects.filter(status="paid").select_related("customer"))
    return [o.customer.name for o in orders]


def list_of_unknown(items):
    return [o.customer.name for o in list(items)]

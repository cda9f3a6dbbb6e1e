"""One finding per N+1: relation reads on loop rows are lazy-load-in-loop's when the
query did not load them; other queries per row are query-in-loop's."""
from .models import Order


def customer_names():
    names = []
    for o in Order.objects.filter(status="paid"):
        names.append(o.customer.name)  # expect: lazy-load-in-loop
    return names


def customer_names_loaded():
    return [o.customer.name for o in Order.objects.select_related("customer").filter(status="paid")]


def line_counts():
    counts = {}
    for o in Order.objects.filter(status="paid"):
        counts[o.id] = o.lines.count()  # expect: query-in-loop
    return counts


def line_counts_prefetched():
    counts = {}
    for o in Order.objects.prefetch_related("lines").filter(status="paid"):
        counts[o.id] = o.lines.count()
    return counts


def all_lines():
    out = []
    for o in Order.objects.filter(status="paid"):
        out.extend(o.lines.all())  # expect: lazy-load-in-loop
    return out


def filtered_lines_after_prefetch():
    out = []
    for o in Order.objects.prefetch_related("lines").filter(status="paid"):
        out.extend(o.lines.filter(quantity=1))  # expect: lazy-load-in-loop
    return out

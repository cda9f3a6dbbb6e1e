"""Calls in loops that run no query per row: stay quiet."""
from django.db.models import Count, Prefetch
from django.http import JsonResponse

from .models import Customer, Order
from .services import OrderRepository, format_total, order_total, paid_orders_query


def formatted(request):
    return JsonResponse({"rows": [format_total(o) for o in Order.objects.all()]})


def doubled(request):
    return JsonResponse({"rows": [o.doubled_total() for o in Order.objects.all()]})


def big(request):
    return JsonResponse({"rows": [o.is_big for o in Order.objects.all()]})


def lazy_only(request):
    return [paid_orders_query(c) for c in Customer.objects.all()]


def lazy_method(request):
    return [o.paid_lines() for o in Order.objects.all()]


def prefetched_counts(request):
    return [o.line_count() for o in Order.objects.prefetch_related("lines")]


def selected_names(request):
    return [o.customer_name() for o in Order.objects.select_related("customer")]


def prefetched_related_count(request):
    return [c.orders.count() for c in Customer.objects.prefetch_related("orders")]


def prefetched_objects(request):
    return [c.orders.count() for c in Customer.objects.prefetch_related(Prefetch("orders"))]


def annotated(request):
    return [c.order_count for c in Customer.objects.annotate(order_count=Count("orders"))]


def once(request):
    order = Order.objects.first()
    return order_total(order)


def first_match(request, orders):
    for order in orders:
        if order.status == "paid":
            return order_total(order)
    return None


def untyped(items):
    # what `items` holds is not known: its methods cannot be resolved
    return [item.total_price() for item in items]


def labels(request):
    repo = OrderRepository()
    return [repo.label(o) for o in Order.objects.all()]


def small(request):
    order = Order.objects.first()
    return [order_total(order) for _ in range(3)]


def nested_def(request):
    def later(o):
        return order_total(o)

    return [later for o in Order.objects.all()]

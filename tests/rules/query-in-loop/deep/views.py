"""Per-row queries hidden behind calls: helpers, methods, properties."""
from django.http import JsonResponse

from . import services
from .models import Customer, Order
from .services import OrderRepository, format_total, order_total


def totals(request):
    rows = []
    for order in Order.objects.filter(status="paid"):
        rows.append(order_total(order))  # expect: query-in-loop
    return JsonResponse({"rows": rows})


def totals_via_module(request):
    return JsonResponse({"rows": [services.last_payment(o) for o in Order.objects.all()]})  # expect: query-in-loop


def method_totals(request):
    return JsonResponse({"rows": [o.total_price() for o in Order.objects.all()]})  # expect: query-in-loop


def payments(request):
    rows = []
    for order in Order.objects.filter(status="paid"):
        rows.append(order.latest_payment)  # expect: query-in-loop
    return JsonResponse({"rows": rows})


def line_counts(request):
    return JsonResponse({"rows": [o.line_count() for o in Order.objects.all()]})  # expect: query-in-loop


def customer_names(request):
    return JsonResponse({"rows": [o.customer_name() for o in Order.objects.all()]})  # expect: query-in-loop


def related_first(request):
    rows = []
    for customer in Customer.objects.all():
        rows.append(customer.orders.first())  # expect: query-in-loop
    return JsonResponse({"rows": rows})


def related_create(request):
    for customer in Customer.objects.all():
        customer.orders.create(status="new")  # expect: query-in-loop
    return JsonResponse({})


def related_count_prefetched_wrong(request):
    rows = []
    for customer in Customer.objects.prefetch_related("orders"):
        rows.append(customer.orders.filter(status="paid").count())  # expect: query-in-loop
    return JsonResponse({"rows": rows})


class Report:
    def __init__(self):
        self.repo = OrderRepository()

    def build(self):
        rows = []
        for order in Order.objects.all():
            rows.append(self.repo.lines_of(order))  # expect: query-in-loop
            rows.append(self.repo.label(order))
        return rows

    def one(self, order):
        return order_total(order)

    def all(self):
        return [self.one(o) for o in Order.objects.all()]  # expect: query-in-loop


def typed_helper(order: Order):
    return order.total_price()


def typed(request):
    return JsonResponse({"rows": [typed_helper(o) for o in Order.objects.all()]})  # expect: query-in-loop


def invariant(request):
    rows = []
    first = Order.objects.first()
    for customer in Customer.objects.all():
        rows.append(order_total(first))  # expect: query-in-loop
    return rows

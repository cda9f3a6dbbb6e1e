"""Helpers used by the views and by management commands.

Each slow helper is followed by its fast twin.
"""
from django.db import transaction
from django.db.models import DecimalField, ExpressionWrapper, F, Sum

from .models import Customer, Order, OrderLine, Product

WALK_IN_EMAIL = "walk-in@shop.example"
LINE_TOTAL = ExpressionWrapper(F("quantity") * F("unit_price"), output_field=DecimalField())


def import_pos_orders_slow(rows):
    """Imports the till's orders: one SELECT and one INSERT per row."""
    created = []
    for row in rows:
        walk_in = Customer.objects.get(email=WALK_IN_EMAIL)
        order = Order(customer=walk_in, status=Order.Status.PAID, created_at=row["sold_at"])
        order.save()
        created.append(order)
    return created


def import_pos_orders(rows):
    """The same import: one SELECT before the loop, one INSERT after it."""
    walk_in = Customer.objects.get(email=WALK_IN_EMAIL)
    orders = [Order(customer=walk_in, status=Order.Status.PAID, created_at=row["sold_at"]) for row in rows]
    with transaction.atomic():
        return Order.objects.bulk_create(orders)


def apply_price_increase_slow(percent):
    """Raises every active price: one UPDATE per product."""
    for product in Product.objects.filter(active=True):
        product.price = product.price * (100 + percent) / 100
        product.save(update_fields=["price"])


def apply_price_increase(percent):
    """The same change in one UPDATE statement."""
    Product.objects.filter(active=True).update(price=F("price") * (100 + percent) / 100)


def restock_slow(deliveries):
    """Adds delivered quantities (sku -> quantity): a SELECT and an UPDATE per sku."""
    for sku, quantity in deliveries.items():
        product = Product.objects.get(sku=sku)
        product.stock += quantity
        product.save(update_fields=["stock"])


def restock(deliveries):
    """The same: one SELECT with IN, one bulk UPDATE."""
    products = list(Product.objects.filter(sku__in=list(deliveries)))
    for product in products:
        product.stock += deliveries[product.sku]
    Product.objects.bulk_update(products, ["stock"])


def order_totals_slow(orders):
    """Total per order: one aggregate query per order."""
    totals = {}
    for order in orders:
        totals[order.pk] = OrderLine.objects.filter(order=order).aggregate(total=Sum(LINE_TOTAL))["total"] or 0
    return totals


def order_totals(orders):
    """The same totals from one GROUP BY query."""
    rows = (OrderLine.objects.filter(order__in=orders)
            .values("order_id")
            .annotate(total=Sum(LINE_TOTAL)))
    return {row["order_id"]: row["total"] for row in rows}

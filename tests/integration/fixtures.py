"""Source fixtures shared by the integration suites. Line numbers that tests
rely on are given next to each fixture."""

# A Django N+1 on line 9 (a helper, not a request handler, so that rules about
# handlers stay quiet; the suites also run with --select query-in-loop).
QUERY_LOOP = '''"""Customer report rows."""

from shop.models import Order


def customer_report(customers):
    rows = []
    for customer in customers:
        rows.append((customer.name, Order.objects.filter(customer=customer).count()))
    return rows
'''
QUERY_LINE = 9

CLEAN = '''from django.db.models import Count

from shop.models import Customer


def customer_report():
    customers = Customer.objects.annotate(order_count=Count("orders"))
    return [(c.name, c.order_count) for c in customers]
'''

SYNTAX_ERROR = '''def broken(:
    return 1
'''

# Two functions with one finding each: report() line 7, names() line 14.
TWO_FUNCS = '''from shop.models import Customer, Order


def report(customers):
    rows = []
    for c in customers:
        rows.append(Order.objects.filter(customer=c).count())
    return rows


def names(ids):
    out = []
    for i in ids:
        out.append(Customer.objects.get(pk=i).name)
    return out
'''
TWO_FUNCS_LINES = [7, 14]

# A project's own query wrapper that headroom cannot see through: the query
# inside run_query goes to a driver headroom has no knowledge of. With the
# knowledge entry below in .headroom.yml, the call on line 7 of report.py is a
# query in a loop.
WRAPPER_FILES = {
    "app/__init__.py": "",
    "app/db.py": '''"""The project's database access: one place that talks to the driver."""
import acme_driver

_pool = acme_driver.Pool("db://orders")


def run_query(sql, *params):
    return _pool.send(sql, params)
''',
    "app/report.py": '''from app.db import run_query


def totals(order_ids):
    out = []
    for oid in order_ids:
        out.append(run_query("select total from orders where id = %s", oid))
    return out
''',
}
WRAPPER_LINE = 7


def wrapper_knowledge(framework="app-db"):
    return '''knowledge:
  python:
    queries:
      - framework: "%s"
        on: call
        functions: [app.db.run_query]
''' % framework


# Cross-file: `product.save()` is a query only because shop/models.py says
# Product is a Django model (line 8 of services.py).
SHOP_FILES = {
    "shop/__init__.py": "",
    "shop/models.py": '''from django.db import models


class Product(models.Model):
    sku = models.CharField(max_length=32, unique=True)
    stock = models.IntegerField(default=0)
''',
    "shop/services.py": '''from shop.models import Product


def restock(deliveries):
    products = deliveries.keys()
    for sku in products:
        product = Product(sku=sku)
        product.save()
''',
}
SHOP_SAVE_LINE = 8

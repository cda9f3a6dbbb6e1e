"""Django code that loops near queries but runs each query once.

Every line here must stay quiet.
"""
import re
from datetime import timedelta

import requests
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Sum
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from PIL import Image

MAX_QUANTITY = 20
PREFERENCE_KEYS = ("currency", "language", "theme", "timezone", "newsletter")


class Customer(models.Model):
    name = models.CharField(max_length=200)
    email = models.EmailField(unique=True)
    loyalty_points = models.IntegerField(default=0)


class Product(models.Model):
    sku = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    stock = models.IntegerField(default=0)
    tags = models.ManyToManyField("Tag")


class Tag(models.Model):
    name = models.CharField(max_length=50)


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    status = models.CharField(max_length=20, default="new")
    total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    created_at = models.DateTimeField(auto_now_add=True)


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    quantity = models.IntegerField()
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)


class Promotion(models.Model):
    code = models.CharField(max_length=20, unique=True)
    percent = models.IntegerField()


class Report(models.Model):
    name = models.CharField(max_length=50, unique=True)
    body = models.TextField()


def paid_orders(request):
    rows = []
    for order in Order.objects.select_related("customer").filter(status="paid"):
        rows.append((order.pk, order.customer.name, order.total))
    return render(request, "orders/paid.html", {"rows": rows})


def order_details(request):
    data = []
    for order in Order.objects.prefetch_related("lines__product"):
        for line in order.lines.all():
            data.append((order.pk, line.product.name, line.quantity))
    return JsonResponse({"lines": data})


def cart_summary(cart):
    products = Product.objects.in_bulk([item["sku"] for item in cart], field_name="sku")
    summary = []
    for item in cart:
        product = products.get(item["sku"])
        if product is not None:
            summary.append((product.name, item["qty"] * product.price))
    return summary


def customer_order_counts(request):
    customers = Customer.objects.annotate(order_count=Count("orders")).order_by("name")
    rows = [(c.name, c.order_count) for c in customers]
    return render(request, "reports/customers.html", {"rows": rows})


def create_order_lines(order, cart):
    lines = []
    for item in cart:
        lines.append(OrderLine(order=order, product_id=item["product_id"], quantity=item["qty"], unit_price=item["price"]))
    OrderLine.objects.bulk_create(lines)


def restock(products, deliveries):
    for product in products:
        product.stock += deliveries.get(product.sku, 0)
    Product.objects.bulk_update(products, ["stock"])


def first_overdue_order(customers):
    for customer in customers:
        if customer.loyalty_points < 0:
            return Order.objects.filter(customer=customer).latest("created_at")
    return None


def apply_first_promotion(codes):
    promo = None
    for code in codes:
        if code.startswith("VIP"):
            promo = Promotion.objects.get(code=code)
            break
    return promo


def validate_cart(cart):
    for item in cart:
        if item["qty"] > MAX_QUANTITY:
            product = Product.objects.get(pk=item["product_id"])
            raise ValidationError(f"{product.name}: at most {MAX_QUANTITY} per order")


def dashboard_stats():
    now = timezone.now()
    stats = {}
    for days in (7, 30, 90):
        stats[days] = Order.objects.filter(created_at__gte=now - timedelta(days=days)).count()
    return stats


def status_counts():
    return {status: Order.objects.filter(status=status).count() for status in ("new", "paid", "shipped")}


def parse_filters(request):
    filters = {}
    for key in ("status", "customer", "page"):
        value = request.GET.get(key)
        if value:
            filters[key] = value
    return filters


def session_preferences(request):
    # request.session is a dict-like store, not an ORM session.
    prefs = {}
    for key in PREFERENCE_KEYS:
        prefs[key] = request.session.get(key)
    return prefs


def csv_stats(lines, statuses):
    stats = []
    for line in lines:
        fields = line.count(",") + 1
        paid = statuses.count("paid")
        match = re.match(r"^(\d+),", line)
        stats.append((fields, paid, match.group(1) if match else None))
    return stats


def cached_prices(skus):
    prices = {}
    for sku in skus:
        prices[sku] = cache.get(f"price:{sku}")
    return prices


def fetch_tracking(tracking_numbers):
    # An HTTP call in a loop is another rule's business.
    statuses = {}
    for number in tracking_numbers:
        statuses[number] = requests.get(f"https://tracking.example.com/{number}", timeout=5).json()
    return statuses


def close_day():
    open_count = Order.objects.filter(status="new").count()
    labels = []
    for n in range(open_count):
        labels.append(f"#{n + 1}")
    Order.objects.filter(status="new").update(status="review")
    return labels


def save_thumbnails(images, out_dir):
    for image in images:
        thumb = Image.open(image)
        thumb.thumbnail((128, 128))
        thumb.save(f"{out_dir}/{image.stem}.jpg", "JPEG")


def flush_exports(exports):
    # exports is an untyped parameter: its save() is not known to be a query.
    for export in exports:
        export.save()


def build_loaders(report_names):
    loaders = {}
    for name in report_names:
        def load(name=name):
            return Report.objects.get(name=name)
        loaders[name] = load
    return loaders


def sort_by_lookup(products, names):
    return sorted(products, key=lambda p: names.get(p.pk, ""))


def export_orders(writer):
    for order in Order.objects.filter(status="shipped").iterator(chunk_size=2000):
        writer.writerow([order.pk, order.total, order.created_at.isoformat()])


def repeat_customers(customers):
    buyers = set(Order.objects.filter(status="paid").values_list("customer_id", flat=True))
    return [c for c in customers if c.pk in buyers]


def customers_with_open_orders():
    open_orders = Order.objects.filter(customer=OuterRef("pk"), status="new")
    return [c.name for c in Customer.objects.annotate(has_open=Exists(open_orders)).filter(has_open=True)]


def ship_orders(order_ids):
    with transaction.atomic():
        Order.objects.filter(pk__in=order_ids).update(status="shipped")


def search_products(terms):
    query = Q()
    for term in terms:
        query |= Q(name__icontains=term)
    return list(Product.objects.filter(query))


def products_with_tags(tags):
    qs = Product.objects.all()
    for tag in tags:
        qs = qs.filter(tags__name=tag)
    return list(qs)


def recent_lines(request):
    recent = Prefetch("lines", queryset=OrderLine.objects.select_related("product"), to_attr="recent_lines")
    orders = Order.objects.prefetch_related(recent)[:20]
    rows = []
    for order in orders:
        for line in order.recent_lines:
            rows.append((order.pk, line.product.name))
    return JsonResponse({"rows": rows})


def revenue_per_order():
    orders = Order.objects.annotate(revenue=Sum(F("lines__quantity") * F("lines__unit_price")))
    return {order.pk: order.revenue for order in orders}


def pending_count_unless_skipped(order_ids, skip_id):
    # The else clause of a for loop runs once, after the loop.
    for order_id in order_ids:
        if order_id == skip_id:
            break
    else:
        return Order.objects.filter(status="new").count()
    return 0


def status_labels():
    # Rows from values() are dicts: .get is not a query.
    labels = []
    for row in Order.objects.values("id", "status"):
        labels.append(f"#{row['id']}: {row.get('status', 'unknown')}")
    return labels


class WidgetRegistry:
    """An identity map keyed by name. A Django manager is never reachable
    through `self` (managers are not accessible via instances)."""

    def __init__(self):
        self.objects = {}

    def lookup_all(self, names):
        return [self.objects.get(name) for name in names]


def import_in_batches(rows, batch_size=500):
    # one bulk INSERT per batch: the loop over batches is the fix
    for start in range(0, len(rows), batch_size):
        batch = [Order(customer_id=r["customer"], total=r["total"]) for r in rows[start:start + batch_size]]
        Order.objects.bulk_create(batch)


def stale_ids(keep_ids):
    stale = []
    for model in (Order, Customer):
        current = model.objects.all()
        current_ids = set(x.pk for x in current)
        for obj in current:  # the queryset's rows are cached by the loop above
            if obj.pk not in keep_ids and obj.pk in current_ids:
                stale.append(obj.pk)
    return stale


def lookup(objects, keys):
    # `objects` here is a plain mapping, not a model manager
    return [objects.get(key) for key in keys]

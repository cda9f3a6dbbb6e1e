"""Django views and helpers that run a query on every iteration of a loop.

The models are declared here so that the file stands alone; shop/ covers
models imported from another module.
"""
from datetime import timedelta

from django.db import models
from django.db.models import Sum
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.generic import ListView


class Customer(models.Model):
    name = models.CharField(max_length=200)
    email = models.EmailField(unique=True)
    loyalty_points = models.IntegerField(default=0)


class Category(models.Model):
    name = models.CharField(max_length=100)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE)


class Product(models.Model):
    sku = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    category = models.ForeignKey(Category, on_delete=models.PROTECT)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    stock = models.IntegerField(default=0)


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


class SiteSetting(models.Model):
    key = models.CharField(max_length=50, unique=True)
    value = models.CharField(max_length=200)


def order_summaries(request):
    summaries = []
    for order_id in request.GET.getlist("id"):
        order = Order.objects.get(pk=order_id)  # expect: query-in-loop
        summaries.append({"id": order.pk, "total": str(order.total)})
    return JsonResponse({"orders": summaries})


def customer_report(request):
    rows = []
    for customer in Customer.objects.order_by("name"):
        order_count = Order.objects.filter(customer=customer).count()  # expect: query-in-loop
        rows.append((customer.name, order_count))
    return render(request, "reports/customers.html", {"rows": rows})


def customers_with_orders(customers):
    # The comprehension is the returned value, but the query runs once per customer.
    return [c for c in customers if Order.objects.filter(customer=c).exists()]  # expect: query-in-loop


def latest_orders(customers):
    latest = {}
    for customer in customers:
        latest[customer.pk] = Order.objects.filter(customer=customer).order_by("-created_at").first()  # expect: query-in-loop
    return latest


def last_paid_orders(customers):
    found = []
    for customer in customers:
        last = Order.objects.filter(customer=customer, status="paid").last()  # expect: query-in-loop
        if last is not None:
            found.append(last)
    return found


def revenue_by_product(products):
    for product in products:
        product.revenue = OrderLine.objects.filter(product=product).aggregate(total=Sum("unit_price"))["total"]  # expect: query-in-loop
    return products


def import_customers(rows):
    for row in rows:
        Customer.objects.create(name=row["name"], email=row["email"])  # expect: query-in-loop


def sync_catalogue(feed):
    for item in feed:
        product, created = Product.objects.get_or_create(sku=item["sku"], defaults={"name": item["name"], "price": item["price"]})  # expect: query-in-loop
        if not created and product.price != item["price"]:
            product.price = item["price"]


def upsert_stock(levels):
    for sku, stock in levels.items():
        Product.objects.update_or_create(sku=sku, defaults={"stock": stock})  # expect: query-in-loop


def mark_shipped(order_ids):
    for order_id in order_ids:
        Order.objects.filter(pk=order_id).update(status="shipped")  # expect: query-in-loop


def purge_cancelled(customers):
    for customer in customers:
        Order.objects.filter(customer=customer, status="cancelled").delete()  # expect: query-in-loop


def award_points():
    for customer in Customer.objects.filter(loyalty_points__lt=100):
        customer.loyalty_points += 10
        customer.save()  # expect: query-in-loop


def record_lines(order, cart):
    for item in cart:
        line = OrderLine(order=order, product_id=item["product_id"], quantity=item["qty"], unit_price=item["price"])
        line.save()  # expect: query-in-loop


def reload_pending(order_ids):
    reloaded = []
    for order in Order.objects.filter(pk__in=order_ids, status="pending"):
        order.refresh_from_db()  # expect: query-in-loop
        reloaded.append(order)
    return reloaded


def clear_order(order):
    for line in OrderLine.objects.filter(order=order):
        line.delete()  # expect: query-in-loop


def reserve_stock(quantities):
    for product_id, qty in quantities.items():
        product = Product.objects.get(pk=product_id)  # expect: query-in-loop
        product.stock -= qty
        product.save()  # expect: query-in-loop


def recent_order_values(customers):
    history = {}
    for customer in customers:
        history[customer.pk] = list(Order.objects.filter(customer=customer).values("id", "total"))  # expect: query-in-loop
    return history


def large_orders(orders):
    flagged = []
    for order in orders:
        lines = OrderLine.objects.filter(order=order)
        if len(lines) > 10:  # expect: query-in-loop
            flagged.append(order)
    return flagged


def packing_slips(orders):
    slips = []
    for order in orders:
        for line in OrderLine.objects.filter(order=order):  # expect: query-in-loop
            slips.append((order.pk, line.product_id, line.quantity))
    return slips


def first_orders(customers):
    return {c.pk: Order.objects.filter(customer=c).earliest("created_at") for c in customers}  # expect: query-in-loop


def newest_orders(customers):
    newest = []
    for customer in customers:
        newest.append(Order.objects.filter(customer=customer).latest("created_at"))  # expect: query-in-loop
    return newest


def save_cart_lines(order, cart):
    for item in cart:
        # bulk_create with one row per call is still one INSERT per item.
        OrderLine.objects.bulk_create([OrderLine(order=order, product_id=item["product_id"], quantity=item["qty"], unit_price=item["price"])])  # expect: query-in-loop


def shipping_quotes(orders):
    quotes = []
    for order in orders:
        rate = SiteSetting.objects.get(key="shipping_rate")  # expect: query-in-loop
        quotes.append((order.pk, order.total * rate.value))
    return quotes


def category_path(category_id):
    path = []
    while category_id is not None:
        category = Category.objects.get(pk=category_id)  # expect: query-in-loop
        path.append(category.name)
        category_id = category.parent_id
    return path


def order_counts(customers):
    return {c.pk: Order.objects.filter(customer=c).count() for c in customers}  # expect: query-in-loop


def units_sold(orders):
    return sum(OrderLine.objects.filter(order=o).aggregate(n=Sum("quantity"))["n"] or 0 for o in orders)  # expect: query-in-loop


def product_ids_for(skus):
    return {Product.objects.get(sku=s).pk for s in skus}  # expect: query-in-loop


def weekly_totals(customer, weeks):
    now = timezone.now()
    totals = []
    for week in range(weeks):
        start = now - timedelta(weeks=week + 1)
        totals.append(Order.objects.filter(customer=customer, created_at__gte=start).count())  # expect: query-in-loop
    return totals


class OrderListView(ListView):
    model = Order
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["line_counts"] = {order.pk: OrderLine.objects.filter(order=order).count() for order in context["object_list"]}  # expect: query-in-loop
        return context


def order_counts_formatted(customers):
    # A chain split over lines is reported on the line where the call starts.
    counts = []
    for customer in customers:
        count = (Order.objects  # expect: query-in-loop
                 .filter(customer=customer, status="paid")
                 .count())
        counts.append(count)
    return counts


def cancel_refunded(order_ids):
    for order_id in order_ids:
        if order_id < 0:
            # `continue` does not leave the loop: this still runs per iteration.
            Order.objects.filter(pk=-order_id).update(status="cancelled")  # expect: query-in-loop
            continue
        Order.objects.filter(pk=order_id).update(status="paid")  # expect: query-in-loop


def status_matrix(customers):
    matrix = {}
    for customer in customers:
        for status in ("new", "paid", "shipped"):
            # The inner loop is small, the outer one is not.
            matrix[customer.pk, status] = Order.objects.filter(customer=customer, status=status).count()  # expect: query-in-loop
    return matrix


def order_ids_per_customer(customers):
    result = {}
    for customer in customers:
        orders = Order.objects.filter(customer=customer).only("id")
        for order in orders:  # expect: query-in-loop
            result.setdefault(customer.pk, []).append(order.pk)
    return result


def restock_empty():
    for product in Product.objects.filter(stock=0).iterator():
        product.stock = 10
        product.save(update_fields=["stock"])  # expect: query-in-loop


def existing_orders(order_ids):
    found = []
    for order_id in order_ids:
        try:
            found.append(Order.objects.get(pk=order_id))  # expect: query-in-loop
        except Order.DoesNotExist:
            continue
    return found


def line_totals(orders):
    # A related manager on an instance runs a query per order too.
    totals = {}
    for order in Order.objects.filter(status="paid"):
        totals[order.pk] = order.lines.count()  # expect: query-in-loop
    return totals


async def order_counts_async(customer_ids):
    counts = {}
    async for customer in Customer.objects.filter(pk__in=customer_ids):
        # Django's async query API (acount, aget, afirst, acreate, asave...).
        counts[customer.pk] = await Order.objects.filter(customer=customer).acount()  # expect: query-in-loop
    return counts


def order_total(order):
    # Not in a loop here: the call site in the loop below is what runs per row.
    return OrderLine.objects.filter(order=order).aggregate(total=Sum("unit_price"))["total"]


def invoice_totals(orders):
    # The query is in order_total(), called once per order.
    return [order_total(order) for order in orders]  # expect: query-in-loop


def merge_duplicates(model, field_names):
    for instance in model.objects.all():
        kwargs = {}
        for name in field_names:
            kwargs.update({name: getattr(instance, name)})
        model.objects.get(**kwargs)  # expect: query-in-loop

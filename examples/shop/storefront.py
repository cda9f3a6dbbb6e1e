"""Storefront views that break as traffic grows: each slow view is followed by
its fast twin. Routed in urls.py; the rules are about request paths."""
import psycopg2
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from .clients import shipping_rates, shipping_rates_slow, stock_level, stock_level_slow
from .models import Order, Product
from .tasks import send_order_email

RECENTLY_VIEWED = {}


def home_slow(request):
    """The home page reads the same featured products on every request."""
    featured = Product.objects.filter(active=True).order_by("name")[:12]
    return render(request, "shop/home.html", {"featured": featured})


def _featured():
    return list(Product.objects.filter(active=True).order_by("name")[:12])


def home(request):
    """The same page; the list is cached for a minute."""
    featured = cache.get_or_set("featured-products", _featured, 60)
    return render(request, "shop/home.html", {"featured": featured})


def product_feed_slow(request):
    """Every product in one response: it grows with the catalogue."""
    return JsonResponse({"products": list(Product.objects.values("sku", "name", "price"))})


def product_feed(request):
    """Fifty products at a time, after the last SKU the client saw."""
    after = request.GET.get("after", "")
    rows = Product.objects.filter(sku__gt=after).order_by("sku").values("sku", "name", "price")[:50]
    return JsonResponse({"products": list(rows)})


def catalogue_slow(request):
    """Numbered pages: deep pages read and skip every earlier row."""
    page = int(request.GET.get("page", 1))
    start = (page - 1) * 24
    products = Product.objects.filter(active=True).order_by("id")[start:start + 24]
    return render(request, "shop/catalogue.html", {"products": products})


def catalogue(request):
    """Keyset pages: the next page starts after the last id shown."""
    after = int(request.GET.get("after", 0))
    products = Product.objects.filter(active=True, id__gt=after).order_by("id")[:24]
    return render(request, "shop/catalogue.html", {"products": products})


def stats_slow(request):
    """A dashboard tile that counts every order on every view."""
    return JsonResponse({"orders": Order.objects.count()})


def stats(request):
    """The planner's estimate: instant, and close enough for a tile."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", ["shop_order"])
        return JsonResponse({"orders": cursor.fetchone()[0]})


def order_confirmation_slow(request, pk):
    """The customer waits for the SMTP server."""
    order = get_object_or_404(Order, pk=pk)
    send_mail("Your order", f"Order #{order.pk} is confirmed.", "shop@example.com", [order.customer.email])
    return JsonResponse({"ok": True})


def order_confirmation(request, pk):
    """The e-mail is a Celery task; the response is immediate."""
    order = get_object_or_404(Order, pk=pk)
    send_order_email.delay(order.pk)
    return JsonResponse({"ok": True})


def shipping_quote_slow(request, pk):
    """Asks the carrier with no timeout: a slow carrier hangs this worker."""
    return JsonResponse(shipping_rates_slow(request.GET["zip"]))


def shipping_quote(request, pk):
    return JsonResponse(shipping_rates(request.GET["zip"]))


async def stock_feed_slow(request, sku):
    """An async view calling a synchronous HTTP client: it blocks the event loop."""
    return JsonResponse(stock_level_slow(sku))


async def stock_feed(request, sku):
    return JsonResponse(await stock_level(sku))


def warehouse_stock_slow(request, sku):
    """Connects to the warehouse database on every request."""
    conn = psycopg2.connect("dbname=warehouse")
    with conn.cursor() as cursor:
        cursor.execute("SELECT quantity FROM stock WHERE sku = %s", [sku])
        return JsonResponse({"quantity": cursor.fetchone()[0]})


def warehouse_stock(request, sku):
    """Django keeps its connections (CONN_MAX_AGE) and reuses them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT quantity FROM stock WHERE sku = %s", [sku])
        return JsonResponse({"quantity": cursor.fetchone()[0]})


def product_view_slow(request, sku):
    """Remembers recently viewed products in this process's memory."""
    product = get_object_or_404(Product, sku=sku)
    RECENTLY_VIEWED[request.session.session_key] = product.pk
    return JsonResponse({"name": product.name})


def product_view(request, sku):
    """The same, kept in the session (stored in the database or Redis)."""
    product = get_object_or_404(Product, sku=sku)
    request.session["recently_viewed"] = product.pk
    return JsonResponse({"name": product.name})

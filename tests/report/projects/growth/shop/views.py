import requests
from django.core.mail import send_mail
from django.http import JsonResponse

from shop.helpers import order_count
from shop.models import Customer, Order


def customers(request):
    rows = []
    for c in Customer.objects.all():
        rows.append({"name": c.name, "orders": order_count(c)})
    return JsonResponse({"rows": rows})


def checkout(request):
    order = Order.objects.create(customer_id=request.POST["customer"], total=10)
    send_mail("Thanks", "Your order", "shop@example.com", [request.user.email])
    rate = requests.get("https://rates.example.com/eur").json()
    return JsonResponse({"id": order.id, "rate": rate})

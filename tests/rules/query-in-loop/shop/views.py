"""Views of the shop package, using models from shop/models.py."""
from django.http import JsonResponse
from django.shortcuts import redirect

from .cart import Cart
from .models import Customer, Order, Product


def split_shipments(request):
    customer = Customer.objects.get(pk=request.user.customer_id)
    created = []
    for address in request.POST.getlist("address"):
        order = Order(customer=customer, status="new", shipping_address=address)
        order.save()  # expect: query-in-loop
        created.append(order.pk)
    return JsonResponse({"created": created})


def split_shipments_fast(request):
    customer = Customer.objects.get(pk=request.user.customer_id)
    orders = [Order(customer=customer, status="new", shipping_address=a) for a in request.POST.getlist("address")]
    Order.objects.bulk_create(orders)
    return JsonResponse({"created": [o.pk for o in orders]})


def add_to_cart(request):
    cart = Cart(request.session)
    for product_id in request.POST.getlist("product"):
        cart.add(int(product_id))
        cart.save()
    return redirect("cart")


def cart_view(request):
    cart = Cart(request.session)
    rows = []
    for product_id, qty in cart.items.items():
        product = Product.objects.get(pk=product_id)  # expect: query-in-loop
        rows.append({"name": product.name, "qty": qty, "price": str(product.price)})
    return JsonResponse({"rows": rows})


def cart_view_fast(request):
    cart = Cart(request.session)
    products = Product.objects.in_bulk([int(pid) for pid in cart.items])
    rows = [{"name": products[int(pid)].name, "qty": qty} for pid, qty in cart.items.items()]
    return JsonResponse({"rows": rows})

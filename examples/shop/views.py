"""Views of the example shop: each slow view is followed by its fast twin."""
from django.db.models import Count, Prefetch, Sum
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView

from .models import Customer, Order, OrderLine, Product
from .services import LINE_TOTAL


def order_history_slow(request, customer_id):
    """A customer's orders with their lines: one query per order (N+1)."""
    orders = Order.objects.filter(customer_id=customer_id)
    history = []
    for order in orders:
        lines = list(OrderLine.objects.filter(order=order).select_related("product"))
        history.append({"order": order, "lines": lines})
    return render(request, "shop/order_history.html", {"history": history})


def order_history(request, customer_id):
    """The same page in two queries: the orders, then all their lines."""
    lines = OrderLine.objects.select_related("product")
    orders = Order.objects.filter(customer_id=customer_id).prefetch_related(Prefetch("lines", queryset=lines))
    history = [{"order": order, "lines": list(order.lines.all())} for order in orders]
    return render(request, "shop/order_history.html", {"history": history})


def customer_list_slow(request):
    """Customers with their number of orders: one COUNT per customer."""
    rows = []
    for customer in Customer.objects.order_by("name"):
        rows.append((customer, Order.objects.filter(customer=customer).count()))
    return render(request, "shop/customer_list.html", {"rows": rows})


def customer_list(request):
    """The same list; the database counts in one query."""
    customers = Customer.objects.annotate(order_count=Count("orders")).order_by("name")
    rows = [(customer, customer.order_count) for customer in customers]
    return render(request, "shop/customer_list.html", {"rows": rows})


def cart_slow(request):
    """The cart page: one SELECT per cart item."""
    cart = request.session.get("cart", {})
    items = []
    for product_id, quantity in cart.items():
        product = Product.objects.get(pk=product_id)
        items.append({"product": product, "quantity": quantity, "subtotal": product.price * quantity})
    return render(request, "shop/cart.html", {"items": items})


def cart(request):
    """The same page: one SELECT ... WHERE id IN (...)."""
    cart_items = request.session.get("cart", {})
    products = Product.objects.filter(id__in=[int(pid) for pid in cart_items])
    by_id = {product.pk: product for product in products}
    items = []
    for product_id, quantity in cart_items.items():
        product = by_id.get(int(product_id))
        if product is not None:
            items.append({"product": product, "quantity": quantity, "subtotal": product.price * quantity})
    return render(request, "shop/cart.html", {"items": items})


class OrderDetailSlowView(DetailView):
    """An order with the current stock of each product: one SELECT per line."""

    model = Order
    template_name = "shop/order_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lines = OrderLine.objects.filter(order=self.object)
        context["lines"] = lines
        context["stock"] = {line.product_id: Product.objects.get(pk=line.product_id).stock for line in lines}
        return context


class OrderDetailView(DetailView):
    """The same page: the lines come with their products, and the total with them."""

    model = Order
    template_name = "shop/order_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lines = list(OrderLine.objects.filter(order=self.object).select_related("product"))
        context["lines"] = lines
        context["stock"] = {line.product_id: line.product.stock for line in lines}
        context["total"] = OrderLine.objects.filter(order=self.object).aggregate(total=Sum(LINE_TOTAL))["total"]
        return context


def best_sellers(request):
    """Top products by units sold, from one aggregate query."""
    products = (Product.objects.filter(active=True)
                .annotate(units=Sum("order_lines__quantity"))
                .order_by("-units")[:10])
    return render(request, "shop/best_sellers.html", {"products": products})


def customer_detail(request, pk):
    customer = get_object_or_404(Customer, pk=pk)
    recent = customer.orders.all()[:5]
    return render(request, "shop/customer_detail.html", {"customer": customer, "recent": recent})

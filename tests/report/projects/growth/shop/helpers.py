from shop.models import Order


def order_count(customer):
    return Order.objects.filter(customer=customer).count()

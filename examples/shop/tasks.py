"""Celery tasks: the slow work the views hand over."""
from celery import shared_task
from django.core.mail import send_mail

from .models import Order


@shared_task
def send_order_email(order_id):
    order = Order.objects.select_related("customer").get(pk=order_id)
    send_mail("Your order", f"Order #{order.pk} is confirmed.", "shop@example.com", [order.customer.email])

"""Celery tasks: slow work belongs here."""
from celery import shared_task
from django.core.mail import send_mail
from weasyprint import HTML


@shared_task
def send_receipt(order_id):
    send_mail("Receipt", "Your order", "shop@example.com", ["c@example.com"])
    HTML(string="<p>receipt</p>").write_pdf("/tmp/receipt.pdf")

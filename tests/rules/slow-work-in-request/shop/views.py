"""Django views that make the user wait for slow work."""
import subprocess
import time

from django.core.mail import EmailMessage, send_mail
from django.http import HttpResponse, JsonResponse
from django.views import View
from PIL import Image
from weasyprint import HTML

from shop.notify import notify_signup
from shop.tasks import send_receipt


def signup(request):
    send_mail("Welcome", "Thanks for joining", "shop@example.com", [request.POST["email"]])  # expect: slow-work-in-request
    return JsonResponse({"ok": True})


def invoice_pdf(request, pk):
    pdf = HTML(string="<h1>Invoice</h1>").write_pdf()  # expect: slow-work-in-request
    return HttpResponse(pdf, content_type="application/pdf")


def avatar(request):
    img = Image.open(request.FILES["avatar"])
    img.thumbnail((128, 128))  # expect: slow-work-in-request
    img.save("/tmp/avatar.png")  # expect: slow-work-in-request
    return JsonResponse({"ok": True})


def contact(request):
    msg = EmailMessage("Contact", request.POST["body"], to=["support@example.com"])
    msg.send()  # expect: slow-work-in-request
    return JsonResponse({"ok": True})


def backup(request):
    subprocess.run(["pg_dump", "shop"], check=True)  # expect: slow-work-in-request
    return JsonResponse({"ok": True})


def retry_later(request):
    time.sleep(2)  # expect: slow-work-in-request
    return JsonResponse({"ok": True})


def register(request):
    notify_signup(request.POST["email"])
    return JsonResponse({"ok": True})


class ReceiptView(View):
    def post(self, request, pk):
        send_mail("Receipt", "Your order", "shop@example.com", ["c@example.com"])  # expect: slow-work-in-request
        return JsonResponse({"ok": True})


# The fix: hand it to the queue the project already uses.
def checkout(request, pk):
    send_receipt.delay(pk)
    return JsonResponse({"ok": True})


# A helper nobody routes to is not a request path.
def _unused_mailer():
    send_mail("x", "y", "a@example.com", ["b@example.com"])

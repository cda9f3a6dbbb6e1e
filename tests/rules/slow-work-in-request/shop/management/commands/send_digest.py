from django.core.mail import send_mail
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    def handle(self, *args, **options):
        send_mail("Digest", "This week", "shop@example.com", ["all@example.com"])

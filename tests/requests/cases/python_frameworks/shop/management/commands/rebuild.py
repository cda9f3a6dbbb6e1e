from django.core.management.base import BaseCommand

from shop.helpers import load


class Command(BaseCommand):
    def handle(self, *args, **options):
        load()

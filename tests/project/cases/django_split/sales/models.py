from django.db import models

from core.models import Owned


class Invoice(Owned):
    number = models.CharField(max_length=20)
    customer = models.ForeignKey("core.User", on_delete=models.PROTECT, related_query_name="invoice_of")

    class Meta:
        index_together = [["number", "customer"]]
        ordering = ("-number",)


class Note(Owned):
    text = models.TextField()

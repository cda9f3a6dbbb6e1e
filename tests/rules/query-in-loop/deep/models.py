"""Models whose methods and properties run queries (deep/ covers queries
hidden behind functions, methods, properties and serializers)."""
from django.db import models
from django.db.models import Sum


class Customer(models.Model):
    name = models.CharField(max_length=100)


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    status = models.CharField(max_length=20)
    total = models.DecimalField(max_digits=10, decimal_places=2, default=0)

    def total_price(self):
        return self.lines.aggregate(total=Sum("price"))["total"]  # a query: aggregate() always runs one

    def line_count(self):
        return self.lines.count()  # served by prefetch_related("lines") on the caller's rows

    def customer_name(self):
        return self.customer.name  # served by select_related("customer")

    def doubled_total(self):
        return self.total * 2

    @property
    def latest_payment(self):
        return Payment.objects.filter(order=self).order_by("-paid_at").first()

    @property
    def is_big(self):
        return self.total > 100

    def paid_lines(self):
        return self.lines.filter(paid=True)  # lazy: no query until evaluated


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    sku = models.CharField(max_length=20)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    paid = models.BooleanField(default=False)


class Payment(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="payments")
    paid_at = models.DateTimeField()

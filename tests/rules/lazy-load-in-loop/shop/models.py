"""Django models for the lazy-load fixtures."""
from django.db import models


class Tenant(models.Model):
    name = models.CharField(max_length=100)


class Customer(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    email = models.EmailField()

    def get_full_name(self):
        return self.name


class Tag(models.Model):
    label = models.CharField(max_length=20)


class Product(models.Model):
    name = models.CharField(max_length=100)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    tags = models.ManyToManyField(Tag)


class OrderQuerySet(models.QuerySet):
    def with_everything(self):
        return self.select_related("customer").prefetch_related("lines")


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    status = models.CharField(max_length=20)

    objects = OrderQuerySet.as_manager()

    @property
    def is_paid(self):
        return self.status == "paid"


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT)
    quantity = models.IntegerField()


class Payment(models.Model):
    order = models.OneToOneField(Order, on_delete=models.CASCADE)
    amount = models.DecimalField(max_digits=10, decimal_places=2)

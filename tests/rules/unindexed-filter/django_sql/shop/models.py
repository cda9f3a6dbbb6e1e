from django.db import models


class Order(models.Model):
    status = models.CharField(max_length=20)
    region = models.CharField(max_length=20)
    placed = models.DateTimeField()


class Customer(models.Model):
    email = models.CharField(max_length=200)
    country = models.CharField(max_length=2)

    class Meta:
        db_table = "customers"

from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=100)
    active = models.BooleanField(default=True)


class Order(models.Model):
    status = models.CharField(max_length=20)

"""Django models: which columns have an index."""
from django.db import models


class Stamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Tenant(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    plan = models.CharField(max_length=20)


class Customer(Stamped):
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="customers")
    email = models.EmailField()
    name = models.CharField(max_length=100)
    region = models.CharField(max_length=20)
    city = models.CharField(max_length=50)
    phone = models.CharField(max_length=20)
    external_id = models.CharField(max_length=40, unique=True)
    score = models.IntegerField(default=0)
    is_vip = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["region", "city"])]
        unique_together = [("tenant", "email")]


class Order(Stamped):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    status = models.CharField(max_length=20)
    number = models.CharField(max_length=20, db_index=True)
    channel = models.CharField(max_length=20)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    coupon = models.CharField(max_length=20, blank=True)
    legacy_ref = models.CharField(max_length=20)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["channel", "legacy_ref"], name="uniq_channel_ref")]


class Note(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, db_index=False)
    author = models.CharField(max_length=50)
    body = models.TextField()

from django.db import models
from django.db.models import Sum


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class Tenant(models.Model):
    slug = models.SlugField(unique=True)
    is_active = models.BooleanField(default=True)
    name = models.CharField(max_length=100)


class Customer(TimeStamped):
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE)
    email = models.EmailField()
    name = models.CharField(max_length=100)
    region = models.CharField(max_length=20)

    class Meta:
        indexes = [models.Index(fields=["region", "name"])]
        unique_together = [("tenant", "email")]


class Order(TimeStamped):
    customer = models.ForeignKey("Customer", on_delete=models.CASCADE, related_name="orders")
    status = models.CharField(max_length=20)
    number = models.CharField(max_length=20, db_index=True)
    reference = models.UUIDField(primary_key=True)
    tags = models.ManyToManyField("shop.Tag")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["number", "status"], name="u1")]

    def total_price(self):
        return self.lines.aggregate(total=Sum("price"))["total"]

    @property
    def latest_payment(self):
        return Payment.objects.filter(order=self).order_by("-paid_at").first()

    def label(self):
        return "%s: %s" % (self.customer.name, self.number)

    def line_count(self):
        return self.lines.count()


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines", db_index=False)
    sku = models.CharField(max_length=20)
    price = models.DecimalField(max_digits=10, decimal_places=2)


class Payment(models.Model):
    order = models.OneToOneField(Order, on_delete=models.CASCADE)
    paid_at = models.DateTimeField()


class Tag(models.Model):
    label = models.CharField(max_length=20)


class Profile(models.Model):
    customer = models.OneToOneField(Customer, on_delete=models.CASCADE, related_name="+")

from django.db import models


class Owned(models.Model):
    owner = models.ForeignKey("core.User", on_delete=models.CASCADE, related_name="%(class)s_items")

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["owner", "id"])]


class User(models.Model):
    username = models.CharField(max_length=50, unique=True)
    id = models.BigAutoField(primary_key=True)

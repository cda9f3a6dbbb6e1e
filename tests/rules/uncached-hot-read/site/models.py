from django.db import models


class SiteSetting(models.Model):
    key = models.CharField(max_length=50, unique=True)
    value = models.TextField()


class Category(models.Model):
    name = models.CharField(max_length=100)
    active = models.BooleanField(default=True)


class Banner(models.Model):
    text = models.CharField(max_length=200)
    live = models.BooleanField(default=False)

"""Django async views found by file name and a first `request` parameter."""
from django.db import models
from django.http import JsonResponse
import time


class Product(models.Model):
    sku = models.CharField(max_length=20)


async def product_count(request):
    return JsonResponse({"n": Product.objects.count()})  # expect: blocking-in-event-loop


async def product_page(request, sku):
    product = await Product.objects.aget(sku=sku)
    return JsonResponse({"sku": product.sku})


async def products(request):
    return JsonResponse({"skus": [p.sku async for p in Product.objects.all()]})


def sync_view(request):
    time.sleep(0.1)
    return JsonResponse({"n": Product.objects.count()})

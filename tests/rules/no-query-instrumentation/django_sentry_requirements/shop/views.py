from django.http import JsonResponse

from shop.models import Order


def order_count(request):
    return JsonResponse({"orders": Order.objects.count()})

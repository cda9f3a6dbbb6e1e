"""Django and DRF list endpoints, bounded and not."""
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.generic import ListView
from rest_framework import generics, serializers, viewsets
from rest_framework.pagination import CursorPagination

from api.models import Order, Product


class ProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["id", "name"]


def product_list(request):
    return JsonResponse({"products": list(Product.objects.values("id", "name"))})  # expect: unbounded-query


def product_page(request):
    return render(request, "products.html", {"products": Product.objects.all()})  # expect: unbounded-query


def product_names(request):
    names = []
    for p in Product.objects.order_by("name"):  # expect: unbounded-query
        names.append(p.name)
    return JsonResponse({"names": names})


def serialized(request):
    data = ProductSerializer(Product.objects.all(), many=True).data  # expect: unbounded-query
    return JsonResponse(data, safe=False)


def orders_var(request):
    qs = Order.objects.select_related()  # expect: unbounded-query
    return render(request, "orders.html", {"rows": list(qs)})


def first_page(request):
    return render(request, "products.html", {"products": Product.objects.all()[:50]})


def filtered(request):
    return render(request, "products.html", {"products": Product.objects.filter(active=True)})


def paginated(request):
    page = Paginator(Product.objects.all(), 25).get_page(request.GET.get("page"))
    return render(request, "products.html", {"page": page})


def one(request, pk):
    return JsonResponse({"name": Product.objects.get(pk=pk).name})


def counted(request):
    return JsonResponse({"n": Product.objects.count()})


class ProductListView(ListView):  # expect: unbounded-query
    model = Product


class PagedProductListView(ListView):
    model = Product
    paginate_by = 25


class OrderList(generics.ListAPIView):  # expect: unbounded-query
    queryset = Order.objects.all()
    serializer_class = ProductSerializer


class OrderViewSet(viewsets.ModelViewSet):  # expect: unbounded-query
    queryset = Order.objects.all()
    serializer_class = ProductSerializer


class PagedOrderViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Order.objects.all()
    serializer_class = ProductSerializer
    pagination_class = CursorPagination

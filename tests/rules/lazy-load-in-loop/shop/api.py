"""DRF: serialising many rows reads the relations of every row too."""
from rest_framework import generics, serializers

from .models import Customer, Order, OrderLine


class CustomerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Customer
        fields = ["id", "name"]


class LineSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderLine
        fields = ["id", "quantity"]


class OrderSerializer(serializers.ModelSerializer):
    customer = CustomerSerializer()
    lines = LineSerializer(many=True)
    tenant_name = serializers.CharField(source="customer.tenant.name")

    class Meta:
        model = Order
        fields = ["id", "status", "customer", "lines", "tenant_name"]


class OrderKeySerializer(serializers.ModelSerializer):
    customer = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Order
        fields = ["id", "customer"]


class OrderLabelSerializer(serializers.ModelSerializer):
    customer = serializers.StringRelatedField()

    class Meta:
        model = Order
        fields = ["id", "customer"]


def order_list(request):
    data = OrderSerializer(Order.objects.filter(status="paid"), many=True).data  # expect: lazy-load-in-loop
    return data


def order_list_loaded(request):
    orders = Order.objects.select_related("customer__tenant").prefetch_related("lines")
    return OrderSerializer(orders, many=True).data


def order_list_half_loaded(request):
    # tenant_name reads customer.tenant: select_related("customer") stops one hop short
    orders = Order.objects.select_related("customer").prefetch_related("lines")
    return OrderSerializer(orders, many=True).data  # expect: lazy-load-in-loop


def order_keys(request):
    return OrderKeySerializer(Order.objects.all(), many=True).data


def order_labels(request):
    return OrderLabelSerializer(Order.objects.all(), many=True).data  # expect: lazy-load-in-loop


def one_order(request, pk):
    return OrderSerializer(Order.objects.get(pk=pk)).data


def unknown_rows(request, orders):
    return OrderSerializer(orders, many=True).data


class OrderList(generics.ListAPIView):
    queryset = Order.objects.all()  # expect: lazy-load-in-loop
    serializer_class = OrderSerializer


class OrderListLoaded(generics.ListAPIView):
    queryset = Order.objects.select_related("customer__tenant").prefetch_related("lines")
    serializer_class = OrderSerializer


class OrderListDynamic(generics.ListAPIView):
    queryset = Order.objects.all()
    serializer_class = OrderSerializer

    def get_queryset(self):
        return Order.objects.select_related("customer").prefetch_related("lines")

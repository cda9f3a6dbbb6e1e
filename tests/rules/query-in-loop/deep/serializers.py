"""DRF serializers: a SerializerMethodField that queries runs once per object
when the serializer is used for many objects."""
from rest_framework import generics, serializers, viewsets

from .models import Customer, Order, Payment


class OrderSerializer(serializers.ModelSerializer):
    payment_count = serializers.SerializerMethodField()
    label = serializers.SerializerMethodField()

    class Meta:
        model = Order
        fields = ["id", "status", "payment_count", "label"]

    def get_payment_count(self, obj):
        return Payment.objects.filter(order=obj).count()  # expect: query-in-loop

    def get_label(self, obj):
        return "#%s" % obj.pk


class CustomerSerializer(serializers.ModelSerializer):
    last_order = serializers.SerializerMethodField(method_name="find_last")

    class Meta:
        model = Customer
        fields = ["id", "name", "last_order"]

    def find_last(self, obj):
        return Order.objects.filter(customer=obj).order_by("-id").values_list("id", flat=True).first()  # expect: query-in-loop


class DetailSerializer(serializers.ModelSerializer):
    payment_count = serializers.SerializerMethodField()

    class Meta:
        model = Order
        fields = ["id", "payment_count"]

    def get_payment_count(self, obj):
        return Payment.objects.filter(order=obj).count()  # one object per use: fine


def order_list(request):
    return OrderSerializer(Order.objects.all(), many=True).data


def order_detail(request, pk):
    return DetailSerializer(Order.objects.get(pk=pk)).data


class CustomerList(generics.ListAPIView):
    queryset = Customer.objects.all()
    serializer_class = CustomerSerializer

"""Filters an index serves, or that the rule leaves alone."""
from django.db.models import Q

from .models import Customer, Order, Tenant


def by_pk(pk):
    return Customer.objects.get(pk=pk)


def by_id(ids):
    return Order.objects.filter(id__in=ids)


def by_unique(ext):
    return Customer.objects.get(external_id=ext)


def by_slug(slug):
    return Tenant.objects.get(slug=slug)


def by_index(number):
    return Order.objects.filter(number=number)


def by_foreign_key(customer):
    return Order.objects.filter(customer=customer)


def by_foreign_key_id(customer_id):
    return Order.objects.filter(customer_id=customer_id)


def by_leading_column(region):
    return Customer.objects.filter(region=region)


def by_composite(region, city):
    return Customer.objects.filter(region=region, city=city)


def by_unique_together(tenant, email):
    return Customer.objects.filter(tenant=tenant, email=email)


def inherited_index(since):
    return Order.objects.filter(created_at__gte=since)


def one_indexed_condition(number, status):
    # the index on number finds the rows; status is checked on those few
    return Order.objects.filter(number=number, status=status)


def chained_with_index(customer, status):
    return Order.objects.filter(customer=customer).filter(status=status)


def join_to_unique(email_domain):
    return Order.objects.filter(customer__external_id=email_domain)


def search(text):
    # icontains: an ordinary index would not serve it anyway
    return Customer.objects.filter(name__icontains=text)


def case_insensitive(email):
    return Customer.objects.filter(email__iexact=email)


def missing(customer):
    return Order.objects.filter(coupon__isnull=True, customer=customer)


def q_objects(a, b):
    # Q objects are not read: quiet
    return Customer.objects.filter(Q(name=a) | Q(phone=b))


def unknown_column(value):
    # an annotation or something the catalogue does not know: quiet
    return Customer.objects.annotate(n=value).filter(n__gt=1)


def reverse_relation(order):
    return Customer.objects.filter(orders=order)


def through_variable(name):
    # not rooted at the model: what the variable holds may be filtered already
    qs = Customer.objects.filter(tenant__slug="acme")
    return qs.filter(name=name)


def dict_get(d):
    return d.get("name")


def tenant_customers(tenant):
    return tenant.customers.filter(name="x")


def exclude_only(status):
    return Order.objects.exclude(status=status)


def kwargs_splat(filters):
    return Order.objects.filter(**filters)


def vips():
    # a boolean: an index would not help much, so no advice to add one
    return Customer.objects.filter(is_vip=True)

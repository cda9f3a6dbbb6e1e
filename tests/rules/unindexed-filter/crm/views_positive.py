"""Filters on columns no index covers."""
from .models import Customer, Note, Order, Tenant


def by_name(name):
    return Customer.objects.filter(name=name)  # expect: unindexed-filter


def by_phone(phone):
    return Customer.objects.get(phone=phone)  # expect: unindexed-filter


def by_city(city):
    # (region, city) is indexed, but city is not its leading column
    return list(Customer.objects.filter(city=city))  # expect: unindexed-filter


def by_status(status):
    return Order.objects.filter(status=status).count()  # expect: unindexed-filter


def by_channel(channel):
    # (channel, legacy_ref) is unique: channel leads it, so this one is fine
    return Order.objects.filter(channel=channel)


def by_total(low):
    return Order.objects.filter(total__gte=low)  # expect: unindexed-filter


def by_coupon(code):
    return Order.objects.filter(coupon__in=[code, code.upper()])  # expect: unindexed-filter


def by_legacy(ref):
    # legacy_ref is the second column of the unique constraint
    return Order.objects.filter(legacy_ref=ref)  # expect: unindexed-filter


def by_customer_name(name):
    # a join to Customer, then a filter on Customer.score (unindexed)
    return Order.objects.filter(customer__score__gt=name)  # expect: unindexed-filter


def tenants_by_plan(plan):
    return Tenant.objects.filter(plan=plan)  # expect: unindexed-filter


def notes_for(order_id):
    # db_index=False on the foreign key: its column has no index
    return Note.objects.filter(order=order_id)  # expect: unindexed-filter


def notes_by_author(author):
    return Note.objects.filter(author=author).exists()  # expect: unindexed-filter


def get_or_create_by_name(tenant_name):
    return Tenant.objects.get_or_create(name=tenant_name, defaults={"plan": "free"})  # expect: unindexed-filter


def chained(status, channel):
    return Order.objects.filter(updated_at__lt=status).filter(total=channel)  # expect: unindexed-filter


def updated(since):
    return Customer.objects.filter(updated_at__gte=since)  # expect: unindexed-filter

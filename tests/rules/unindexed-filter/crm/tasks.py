"""Background tasks: more unindexed filters (each reported once in this file)."""
from .models import Customer, Note, Order, Tenant


def low_scores():
    return list(Customer.objects.filter(score__lt=10))  # expect: unindexed-filter


def notes_starting(prefix):
    return Note.objects.filter(body__startswith=prefix)  # expect: unindexed-filter


def legacy(ref):
    return Order.objects.get(legacy_ref=ref)  # expect: unindexed-filter


def customers_of_plan(plan):
    # through the reverse relation to Tenant, whose plan has no index
    return Customer.objects.filter(tenant__plan=plan)  # expect: unindexed-filter


def recent_unindexed(since):
    return Customer.objects.filter(updated_at__gt=since)  # expect: unindexed-filter


def tenant_by_pk(pk):
    return Tenant.objects.get(pk=pk)


def vip_names(name):
    # the boolean is no reason and no cure: name decides
    return Customer.objects.filter(is_vip=True, name=name)  # expect: unindexed-filter

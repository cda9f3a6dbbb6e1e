from .models import Invoice


def invoices_of(user):
    return [i for i in user.invoice_items.all()]


def numbers():
    return [inv.owner.username for inv in Invoice.objects.select_related("owner")]

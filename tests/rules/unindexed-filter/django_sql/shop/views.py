from billing.models import Invoice
from shop.models import Customer, Order


def orders(status, region, placed):
    a = list(Order.objects.filter(status=status))  # indexed by sql/001_indexes.sql (default table shop_order)
    b = list(Order.objects.filter(region=region))  # leading column of shop_order_region_placed
    c = list(Order.objects.filter(placed__gte=placed))  # expect: unindexed-filter
    return a, b, c


def customers(email, country):
    a = Customer.objects.filter(email=email).first()  # Meta.db_table = "customers"
    b = list(Customer.objects.filter(country=country))  # expect: unindexed-filter
    return a, b


def invoices(session, number, memo):
    a = session.query(Invoice).filter(Invoice.number == number).all()  # __tablename__ = "invoices"
    b = session.query(Invoice).filter(Invoice.memo == memo).all()  # expect: unindexed-filter
    return a, b

"""Stock services; imports the models with an absolute import."""
from shop.models import Customer, Product


def restock(deliveries):
    for product in Product.objects.filter(sku__in=list(deliveries)):
        product.stock += deliveries[product.sku]
        product.save(update_fields=["stock"])  # expect: query-in-loop


def rename_customers(renames):
    for customer_id, name in renames.items():
        customer = Customer.objects.get(pk=customer_id)  # expect: query-in-loop
        customer.name = name
        customer.save()  # expect: query-in-loop


def restock_fast(deliveries):
    products = list(Product.objects.filter(sku__in=list(deliveries)))
    for product in products:
        product.stock += deliveries[product.sku]
    Product.objects.bulk_update(products, ["stock"])

"""Routes of the storefront (storefront.py)."""
from django.urls import path

from . import storefront

urlpatterns = [
    path("", storefront.home_slow),
    path("home/", storefront.home),
    path("feed-slow/", storefront.product_feed_slow),
    path("feed/", storefront.product_feed),
    path("catalogue-slow/", storefront.catalogue_slow),
    path("catalogue/", storefront.catalogue),
    path("stats-slow/", storefront.stats_slow),
    path("stats/", storefront.stats),
    path("orders/<int:pk>/confirm-slow/", storefront.order_confirmation_slow),
    path("orders/<int:pk>/confirm/", storefront.order_confirmation),
    path("orders/<int:pk>/shipping-slow/", storefront.shipping_quote_slow),
    path("orders/<int:pk>/shipping/", storefront.shipping_quote),
    path("stock-slow/<str:sku>/", storefront.stock_feed_slow),
    path("stock/<str:sku>/", storefront.stock_feed),
    path("warehouse-slow/<str:sku>/", storefront.warehouse_stock_slow),
    path("warehouse/<str:sku>/", storefront.warehouse_stock),
    path("products-slow/<str:sku>/", storefront.product_view_slow),
    path("products/<str:sku>/", storefront.product_view),
]

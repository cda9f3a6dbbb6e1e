"""pymongo: one round trip per document in a loop."""
from datetime import datetime, timezone

from pymongo import MongoClient, ReturnDocument

client = MongoClient("mongodb://localhost:27017")
db = client.shop


def enrich_orders(orders):
    for order in orders:
        order["customer"] = db.customers.find_one({"_id": order["customer_id"]})  # expect: query-in-loop
    return orders


def save_events(events):
    for event in events:
        db.events.insert_one({"kind": event.kind, "at": datetime.now(timezone.utc), "data": event.data})  # expect: query-in-loop


def apply_discounts(discounts):
    for sku, percent in discounts.items():
        db.products.update_one({"sku": sku}, {"$set": {"discount": percent}})  # expect: query-in-loop


def expire_sessions(session_ids):
    for sid in session_ids:
        db.sessions.delete_one({"_id": sid})  # expect: query-in-loop


def order_counts(customer_ids):
    return {cid: db.orders.count_documents({"customer_id": cid}) for cid in customer_ids}  # expect: query-in-loop


def next_invoice_numbers(shops):
    numbers = {}
    for shop in shops:
        counter = db.counters.find_one_and_update({"_id": shop}, {"$inc": {"seq": 1}}, upsert=True, return_document=ReturnDocument.AFTER)  # expect: query-in-loop
        numbers[shop] = counter["seq"]
    return numbers


def order_items(customers):
    items = []
    for customer in customers:
        for order in db.orders.find({"customer_id": customer["_id"]}):  # expect: query-in-loop
            items.extend(order["items"])
    return items


class ProfileStore:
    def __init__(self, database):
        self.collection = database["profiles"]

    def names(self, user_ids):
        names = []
        for uid in user_ids:
            profile = self.collection.find_one({"user_id": uid}, {"name": 1})  # expect: query-in-loop
            names.append(profile["name"] if profile else None)
        return names

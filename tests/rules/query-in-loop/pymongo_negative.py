"""pymongo code that batches its round trips. Every line stays quiet."""
from pymongo import MongoClient, UpdateOne

client = MongoClient("mongodb://localhost:27017")
db = client.shop


def enrich_orders(orders):
    ids = list({o["customer_id"] for o in orders})
    customers = {c["_id"]: c for c in db.customers.find({"_id": {"$in": ids}})}
    for order in orders:
        order["customer"] = customers.get(order["customer_id"])
    return orders


def save_events(events):
    docs = [{"kind": e.kind, "data": e.data} for e in events]
    if docs:
        db.events.insert_many(docs)


def apply_discounts(discounts):
    ops = [UpdateOne({"sku": sku}, {"$set": {"discount": pct}}) for sku, pct in discounts.items()]
    if ops:
        db.products.bulk_write(ops, ordered=False)


def orders_with_customers():
    pipeline = [
        {"$lookup": {"from": "customers", "localField": "customer_id", "foreignField": "_id", "as": "customer"}},
        {"$unwind": "$customer"},
    ]
    return [(o["_id"], o["customer"]["name"]) for o in db.orders.aggregate(pipeline)]


def emails(limit):
    out = []
    for doc in db.customers.find({}, {"email": 1}).limit(limit):
        out.append(doc.get("email", ""))
    return out


def admin_contact(users):
    contact = None
    for user in users:
        if "admin" in user.get("roles", []):
            contact = db.contacts.find_one({"user_id": user["_id"]})
            break
    return contact


def ensure_indexes():
    for name in ("orders", "customers", "sessions"):
        db[name].create_index("created_at")


def import_events(db, batches):
    # one insert_many per batch is already the bulk API
    for batch in batches:
        db.events.insert_many(batch)

"""A session-backed shopping cart: not a database model."""


class Cart:
    def __init__(self, session):
        self.session = session
        self.items = dict(session.get("cart", {}))

    def add(self, product_id, quantity=1):
        self.items[str(product_id)] = self.items.get(str(product_id), 0) + quantity

    def save(self):
        self.session["cart"] = self.items
        self.session.modified = True

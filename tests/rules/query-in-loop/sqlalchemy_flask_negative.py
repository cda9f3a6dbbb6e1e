"""Flask-SQLAlchemy views that query once. Every line stays quiet."""
from flask import Flask, jsonify, request, session
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import func

app = Flask(__name__)
db = SQLAlchemy(app)
SUMMARY_KEYS = ["cart_id", "coupon", "shipping_method", "currency"]


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255), unique=True, nullable=False)
    active = db.Column(db.Boolean, default=True)


class Invoice(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    amount = db.Column(db.Numeric(10, 2), nullable=False)
    paid = db.Column(db.Boolean, default=False)


@app.route("/users/lookup", methods=["POST"])
def lookup_users():
    emails = request.json["emails"]
    users = User.query.filter(User.email.in_(emails)).all()
    by_email = {u.email: u.id for u in users}
    return jsonify([by_email.get(e) for e in emails])


@app.route("/invoices/unpaid")
def unpaid_invoices():
    rows = db.session.execute(
        db.select(Invoice.user_id, func.count()).where(Invoice.paid.is_(False)).group_by(Invoice.user_id)
    ).all()
    return jsonify({user_id: n for user_id, n in rows})


@app.route("/users/import", methods=["POST"])
def import_users():
    for row in request.json["users"]:
        db.session.add(User(email=row["email"]))
    db.session.commit()
    return "", 201


@app.route("/users")
def list_users():
    page = User.query.order_by(User.id).paginate(page=request.args.get("page", 1, type=int), per_page=50)
    return jsonify([{"id": u.id, "email": u.email} for u in page.items])


@app.route("/invoices")
def list_invoices():
    return jsonify([{"id": inv.id, "amount": str(inv.amount)} for inv in db.session.scalars(db.select(Invoice).limit(100))])


@app.route("/config")
def show_config():
    return jsonify({key: app.config.get(key) for key in ("DEBUG", "TESTING", "SERVER_NAME")})


@app.route("/checkout/summary")
def checkout_summary():
    # flask.session is the signed cookie, not a database session.
    return jsonify({key: session.get(key) for key in SUMMARY_KEYS})


FILTER_KEYS = ["status", "customer", "since", "until"]


async def list_orders_aiohttp(request):
    # aiohttp's request.query is a MultiDict of the query string, not Model.query.
    filters = {}
    for key in FILTER_KEYS:
        value = request.query.get(key)
        if value:
            filters[key] = value
    return filters


class Compiler:
    """A class with a `query` attribute that is not Flask-SQLAlchemy's."""

    def __init__(self, query):
        self.query = query

    def selected(self, fields):
        requested = self.query.select_related
        return [requested.get(f.name, {}) for f in fields]

"""Flask-SQLAlchemy views that run a query per iteration."""
from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


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
    found = []
    for email in request.json["emails"]:
        user = User.query.filter_by(email=email).first()  # expect: query-in-loop
        if user:
            found.append(user.id)
    return jsonify(found)


@app.route("/invoices/unpaid")
def unpaid_invoices():
    result = {}
    for user in User.query.filter_by(active=True).all():
        result[user.id] = Invoice.query.filter_by(user_id=user.id, paid=False).count()  # expect: query-in-loop
    return jsonify(result)


@app.route("/users/batch")
def users_batch():
    ids = request.args.getlist("id", type=int)
    return jsonify([User.query.get(i).email for i in ids])  # expect: query-in-loop


@app.route("/invoices/pay", methods=["POST"])
def pay_invoices():
    for invoice_id in request.json["ids"]:
        invoice = db.session.execute(db.select(Invoice).filter_by(id=invoice_id)).scalar_one()  # expect: query-in-loop
        invoice.paid = True
        db.session.commit()  # expect: query-in-loop
    return "", 204


@app.route("/users/deactivate", methods=["POST"])
def deactivate():
    for user_id in request.json["ids"]:
        user = db.session.get(User, user_id)  # expect: query-in-loop
        user.active = False
    db.session.commit()
    return "", 204

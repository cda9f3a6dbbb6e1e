from flask import Flask, jsonify
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import Session

app = Flask(__name__)
db = SQLAlchemy(app)
session = Session()


class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))


@app.route("/items")
def items():
    return jsonify([i.name for i in Item.query.all()])  # expect: unbounded-query


@app.route("/items-session")
def items_session():
    return jsonify([i.name for i in session.query(Item).all()])  # expect: unbounded-query


@app.route("/items-limited")
def items_limited():
    return jsonify([i.name for i in Item.query.limit(50).all()])


@app.route("/items-page")
def items_page():
    return jsonify([i.name for i in Item.query.paginate(page=1, per_page=20).items])


@app.route("/items-mine")
def items_mine():
    return jsonify([i.name for i in Item.query.filter_by(name="x").all()])


def export_all():
    return Item.query.all()

from flask import Flask, jsonify, request
from flask_caching import Cache
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)
cache = Cache(app)


class Plan(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))
    public = db.Column(db.Boolean)


@app.route("/plans")
def plans():
    return jsonify([p.name for p in Plan.query.filter_by(public=True).all()])  # expect: uncached-hot-read


@app.route("/plan/default")
def default_plan():
    return jsonify(Plan.query.filter_by(name="free").first().name)  # expect: uncached-hot-read


@app.route("/plans-cached")
@cache.cached(timeout=60)
def plans_cached():
    return jsonify([p.name for p in Plan.query.filter_by(public=True).all()])


@app.route("/plan")
def plan():
    return jsonify(Plan.query.filter_by(name=request.args["name"]).first().name)


@app.route("/plans", methods=["POST"])
def add_plan():
    return jsonify(Plan.query.filter_by(public=True).first().name)

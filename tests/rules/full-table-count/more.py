from flask import Flask, jsonify
from flask_sqlalchemy import SQLAlchemy
from rest_framework.response import Response
from rest_framework.views import APIView

from views import Order
from stats import total_visits

app = Flask(__name__)
db = SQLAlchemy(app)


class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)


@app.route("/items/count")
def item_count():
    return jsonify(Item.query.count())  # expect: full-table-count


@app.route("/visits/count")
def visit_count():
    return jsonify(total_visits())


class OrderCount(APIView):
    def get(self, request):
        return Response({"n": Order.objects.count()})  # expect: full-table-count

from flask import Flask
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)  # expect: no-query-instrumentation
app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql:///shop"
db = SQLAlchemy(app)


class Order(db.Model):
    id = db.Column(db.Integer, primary_key=True)


@app.route("/orders")
def orders():
    return {"count": Order.query.count()}

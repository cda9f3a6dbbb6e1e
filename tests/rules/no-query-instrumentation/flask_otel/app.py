from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

app = Flask(__name__)
db = SQLAlchemy(app)
FlaskInstrumentor().instrument_app(app)
SQLAlchemyInstrumentor().instrument()

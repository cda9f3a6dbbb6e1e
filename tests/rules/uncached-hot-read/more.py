import peewee
from django.views.generic import TemplateView
from fastapi import FastAPI
from rest_framework.response import Response
from rest_framework.views import APIView

from site.models import Category, SiteSetting

app = FastAPI()
db = peewee.SqliteDatabase("x.db")


class Config(peewee.Model):
    key = peewee.CharField()
    value = peewee.TextField()

    class Meta:
        database = db


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["tagline"] = SiteSetting.objects.get(key="tagline")  # expect: uncached-hot-read
        return ctx


class MenuApi(APIView):
    def get(self, request):
        return Response([c.name for c in Category.objects.filter(active=True)])  # expect: uncached-hot-read


@app.get("/config")
def config():
    return {"theme": Config.get(Config.key == "theme").value}  # expect: uncached-hot-read


@app.get("/config/{key}")
def config_key(key: str):
    return {"v": Config.get(Config.key == key).value}

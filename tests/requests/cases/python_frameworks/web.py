import tornado.web
from aiohttp import web
from fastapi import APIRouter, FastAPI
from flask import Blueprint, Flask
from starlette.routing import Route

from shop.helpers import load

app = Flask(__name__)
bp = Blueprint("b", __name__)
api = FastAPI()
router = APIRouter()
routes = web.RouteTableDef()


@app.route("/flask", methods=["POST"])
def flask_view():
    return load()


@bp.get("/bp")
def bp_view():
    return helper_in_same_file()


def helper_in_same_file():
    return load()


@api.get("/fast")
async def fast_view():
    return load()


@router.post("/fast-router")
def fast_sync():
    return load()


@routes.get("/aio")
async def aio_view(request):
    return load()


async def star(request):
    return load()


class Main(tornado.web.RequestHandler):
    def get(self):
        self.write(load())


class NotAView:
    def get(self):
        return load()


def factory():
    inner = Flask("inner")

    @inner.route("/inner")
    def inner_view():
        return load()

    return inner


aio = web.Application()
aio.router.add_get("/aio2", aio_view)
routes_list = [Route("/star", star)]

"""FastAPI and Flask handlers doing slow work, and their fixed twins."""
import aiosmtplib
from fastapi import BackgroundTasks, FastAPI
from flask import Flask
from twilio.rest import Client

from shop.notify import notify_signup

app = FastAPI()
web = Flask(__name__)
sms = Client("sid", "token")


@app.post("/welcome")
async def welcome(email: str):
    await aiosmtplib.send("Welcome!", hostname="localhost", recipients=[email])  # expect: slow-work-in-request
    return {"ok": True}


@app.post("/welcome-later")
async def welcome_later(email: str, background_tasks: BackgroundTasks):
    background_tasks.add_task(send_welcome, email)
    return {"ok": True}


async def send_welcome(email):
    await aiosmtplib.send("Welcome!", hostname="localhost", recipients=[email])


@web.route("/sms", methods=["POST"])
def send_sms():
    sms.messages.create(to="+100", from_="+200", body="code 1234")  # expect: slow-work-in-request
    return "sent"


@web.route("/join", methods=["POST"])
def join():
    notify_signup("x@example.com")
    return "ok"

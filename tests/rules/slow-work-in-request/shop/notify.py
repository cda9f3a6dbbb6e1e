import smtplib


def notify_signup(email):
    with smtplib.SMTP("localhost") as server:  # expect: slow-work-in-request
        server.sendmail("shop@example.com", [email], "Welcome!")  # expect: slow-work-in-request

import time


def audit(order):
    time.sleep(0.01)
    return audit_again(order)


def audit_again(order):
    return audit(order)

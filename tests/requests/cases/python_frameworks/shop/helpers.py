def load():
    return deep()


def deep():
    return {}


def notify():
    return deep()


def unreached():
    return deep()

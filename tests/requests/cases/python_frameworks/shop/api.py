from shop.helpers import load


def legacy_view(req):
    return load()

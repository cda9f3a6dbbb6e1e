from shop.helpers import load


def main():
    load()

"""Pathological code: loops typed through each other and functions returning each
other's queries. The project phase must give up (bounded depth), not recurse forever."""
from django.db import models


class Node(models.Model):
    parent = models.ForeignKey("self", null=True, on_delete=models.CASCADE, related_name="children")


def weird(x):
    for a in b.children.all():
        for b in a.children.all():
            a.parent.name
            b.m()


def f():
    return g().filter()


def g():
    return f().filter()


def h():
    for n in f():
        n.parent.name


class C:
    def items(self):
        return [o for o in self.items()]

    def run(self):
        for o in self.items():
            o.m()

"""SQLAlchemy: relations read per row without a loader option."""
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from .models import Address, Order, User


def owner_names(session):
    return [o.user.name for o in session.query(Order).all()]  # expect: lazy-load-in-loop


def cities(session):
    rows = []
    for user in session.query(User).filter(User.name != None):
        for address in user.addresses:  # expect: lazy-load-in-loop
            rows.append(address.city)
    return rows


def cities_2(session):
    stmt = select(User).where(User.id > 10)
    return [len(u.addresses) for u in session.scalars(stmt)]  # expect: lazy-load-in-loop


def address_owners(session):
    return [a.user.name for a in session.scalars(select(Address))]  # expect: lazy-load-in-loop


def joined(session):
    return [o.user.name for o in session.query(Order).options(joinedload(Order.user))]


def selectin(session):
    return [[a.city for a in u.addresses] for u in session.query(User).options(selectinload(User.addresses))]


def eager_by_default(session):
    return [[o.id for o in u.orders] for u in session.query(User).all()]


def raise_on_load(session):
    # lazy="raise": reading it raises instead of querying
    return [o.auditor for o in session.query(Order).all()]


def foreign_key_column(session):
    return [o.user_id for o in session.query(Order).all()]


def contains(session):
    q = session.query(Order).join(Order.user).options(contains_eager(Order.user))
    return [o.user.name for o in q]


def dynamic(session):
    # a dynamic relationship is a query object: its calls are query-in-loop's
    return [u.items.count() for u in session.query(User).all()]


def columns(session):
    return [name for name, in session.query(User.name)]


def statement_with_loader(session):
    stmt = select(Address).options(joinedload(Address.user))
    return [a.user.name for a in session.scalars(stmt)]

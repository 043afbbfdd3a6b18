"""Store: schema, Alembic migrations, writes and queries; the only code that writes."""

from sitrep.store.db import Store, open_store
from sitrep.store.queries import EventQuery

__all__ = ["EventQuery", "Store", "open_store"]

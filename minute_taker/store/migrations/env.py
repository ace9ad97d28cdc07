"""Alembic environment, run only through ``minute_taker.store.migrate``.

There is no alembic.ini and no ``fileConfig``: the app's logging stays as the
app set it up. The connection is handed in by ``migrate.upgrade_book``.
"""

from __future__ import annotations

from alembic import context

from minute_taker.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

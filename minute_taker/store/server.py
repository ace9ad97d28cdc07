"""A team book: the same models in a PostgreSQL database instead of a file (issue 22).

A clerk alone keeps the book in a file (engine.py): nothing to set up. A team whose
clerks, manager and chairs share their committees' books needs them on a database
server their IT department runs, because SQLite's WAL mode does not work on a network
folder (docs/storage.md). The location of a team book is a PostgreSQL URL,
``postgresql://user@host/dbname`` (libpq's own form, ``?host=/socket/folder`` for a
Unix socket), read with psycopg 3.

What differs from a file, each written next to its code:

- No file: no lock file (several windows write at once: one at a time takes a
  meeting's notes, services/leases.py, and row versions refuse an edit made on words
  changed since, store/versioning.py; each window hears the others' changes,
  store/changes.py), no WAL to check, no backup copy before an upgrade and no VACUUM
  after one: PostgreSQL runs DDL in the transaction, so a failed upgrade leaves the book
  as it was, and its autovacuum gives back the space.
- Its own full-text index: FTS5 is SQLite's; a team book has the same entries with
  PostgreSQL's text search (store/search_index_pg.py, revision 0017), searched by
  store/search_find_pg.py (store/search_indexes.py chooses).
- Backups are book files copied from the server (store/backups.py), each with
  PostgreSQL's own archive beside it where ``pg_dump`` is installed (store/pg_dump.py).
- The time is the database's clock (``database_time``), which every window shares.
- A read-only team book is a session with ``default_transaction_read_only``, which the
  server enforces for every statement, as SQLite's ``query_only`` does for a file.

The password is never part of what this module logs or shows: ``describe`` names the
database and the server only.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError

from minute_taker.store.errors import BookError

log = logging.getLogger(__name__)

SCHEMES = ("postgresql", "postgres")
DRIVER = "postgresql+psycopg"
# Seconds to wait for the server before saying it cannot be reached: a clerk at a
# meeting must not wait long for a window that will not open.
CONNECT_TIMEOUT_S = 10


def database_time(connection: Connection) -> dt.datetime:
    """The time now by the database's clock, naive UTC: the one clock every window of a
    team book shares (two clerks' laptops may disagree by minutes; services/leases.py).
    A book in a file is used on one computer at a time (its lock file sees to that),
    whose clock is the only one there is."""
    if connection.dialect.name == "postgresql":
        value = connection.execute(text("SELECT now() AT TIME ZONE 'UTC'")).scalar_one()
        assert isinstance(value, dt.datetime)
        return value
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def is_server_location(location: object) -> bool:
    """Whether ``location`` names a team book (a PostgreSQL URL) rather than a file."""
    if not isinstance(location, str):
        return False
    scheme = location.split("://", 1)[0].lower() if "://" in location else ""
    return scheme.split("+", 1)[0] in SCHEMES


def server_url(location: str) -> URL:
    """``location`` as SQLAlchemy's URL for psycopg 3, whichever PostgreSQL scheme it
    was written with (``postgres://``, ``postgresql://``, ``postgresql+psycopg://``)."""
    try:
        url = make_url(location)
    except ArgumentError as exc:
        raise BookError(f"{location!r} is not a database address: {exc}.") from exc
    if url.get_backend_name() not in SCHEMES:
        raise BookError(f"{describe(url)} is not a PostgreSQL database: team books are kept "
                        "in PostgreSQL.")
    if not url.database:
        raise BookError(f"{describe(url)} names no database: write it after the server, "
                        "as in postgresql://clerk@server/minutes.")
    return url.set(drivername=DRIVER)


def team_location(server: str, database: str, user: str | None = None,
                  port: int | None = None) -> str:
    """A team book's URL from what a clerk is told by IT: the server's name (or the
    folder of its Unix socket, which starts with "/"), the database, their user name."""
    server, database, user = server.strip(), database.strip(), (user or "").strip()
    if not server or not database:
        raise BookError("A team book needs the server's name and the database's.")
    socket = server.startswith("/")
    url = URL.create("postgresql", username=user or None, host=None if socket else server,
                     port=port, database=database, query={"host": server} if socket else {})
    return url.render_as_string(hide_password=True)


def public_location(url: URL) -> str:
    """A team book's address as it may be kept and shown (settings, a menu): its URL
    without the password and without the driver's name."""
    # URL.set leaves a field given as None as it was: the tuple's own _replace clears it.
    return url._replace(drivername="postgresql", password=None).render_as_string(
        hide_password=False)


def location_parts(location: str) -> tuple[str, str, str, int | None]:
    """``team_location``'s parts of a URL (server, database, user, port), to fill the
    form again; the password, if the URL had one, is left out."""
    url = server_url(location)
    host = url.host or url.query.get("host") or ""
    if isinstance(host, tuple):
        host = host[0]
    return str(host), url.database or "", url.username or "", url.port


def describe(url: URL) -> str:
    """The database and where it is, for messages: never the password."""
    host = url.host or url.query.get("host") or "this computer"
    if isinstance(host, tuple):
        host = host[0]
    where = f"{host}:{url.port}" if url.port else str(host)
    return f"{url.database or 'the database'} on {where}"


def create_server_engine(url: URL, *, read_only: bool = False) -> Engine:
    """An engine on the team book at ``url``.

    ``read_only``: every transaction of every connection is read-only, enforced by the
    server (``default_transaction_read_only``), so a write from any code path fails
    there rather than reaching the book. ``pool_pre_ping``: a connection the server
    dropped (a restart, a laptop asleep) is replaced before it is used, not reported
    as a failed save."""
    options = "-c default_transaction_read_only=on" if read_only else ""
    engine = create_engine(
        url, pool_pre_ping=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "options": options,
                      "application_name": "Minute Taker"})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: object, _record: object) -> None:
        # Dates and times are stored as the app gives them (naive, local): the session's
        # time zone must not shift them on the way in or out.
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("SET TIME ZONE 'UTC'")
        cursor.close()
        dbapi_connection.commit()  # type: ignore[attr-defined]

    return engine

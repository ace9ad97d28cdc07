"""A team book on PostgreSQL (issue 22, store/server.py): the location read, an empty
database made a book, the migrations run from the first revision, the schema the same as
the models', a newer or foreign database refused untouched, a read-only book refusing
writes, and the server's absence said plainly. Run against a throwaway server
(tests/pg_cluster.py); skipped, saying why, where PostgreSQL is not installed."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import create_engine, inspect, make_url, text

from minute_taker.domain.errors import ValidationError
from minute_taker.services import agenda, committees, meetings
from minute_taker.store import migrate, server
from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import BookError, BookWriteError, NewerBookError, NotABookError
from minute_taker.store.models import Base

OCTOBER = dt.date(2017, 10, 31)


@pytest.mark.parametrize(("location", "team"), [
    ("postgresql://clerk@db.council.local/minutes", True),
    ("postgres://clerk@db/minutes", True),
    ("postgresql+psycopg://clerk@db/minutes", True),
    ("POSTGRESQL://clerk@db/minutes", True),
    ("/home/clerk/Panel.minutebook", False),
    ("C:\\Minutes\\Panel.minutebook", False),
    ("sqlite:///panel.db", False),
    ("mysql://clerk@db/minutes", False),
])
def test_a_location_is_a_team_book_when_it_is_a_postgresql_url(location: str,
                                                                team: bool) -> None:
    assert server.is_server_location(location) is team


def test_the_url_is_read_for_psycopg_and_described_without_its_password() -> None:
    url = server.server_url("postgres://clerk:s3cret@db.council.local:5433/minutes")
    assert url.drivername == "postgresql+psycopg"
    assert server.describe(url) == "minutes on db.council.local:5433"
    assert "s3cret" not in server.describe(url)
    socket = server.server_url("postgresql://clerk@/minutes?host=/run/postgresql")
    assert server.describe(socket) == "minutes on /run/postgresql"
    with pytest.raises(BookError, match="names no database"):
        server.server_url("postgresql://clerk@db.council.local")


def test_an_unreachable_server_is_said_plainly(tmp_path: object) -> None:
    with pytest.raises(BookError, match="Cannot open the team book minutes on "):
        MinuteBook.open(f"postgresql://clerk@/minutes?host={tmp_path}")


@pytest.mark.postgresql
def test_an_empty_database_becomes_a_book_whose_schema_is_the_models(
        team_location: str) -> None:
    with MinuteBook.open(team_location, actor="Test Clerk") as book:
        assert book.server is not None and book.server.startswith("book_")
        committee = committees.create_committee(book, "Police and Crime Panel",
                                                standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, "Panel", OCTOBER)
        item = agenda.add_item(book, meeting.id, "Apologies")
        agenda.set_item_minutes(book, item.id, "<p>None were received.</p>")
        assert agenda.get_item_minutes(book, item.id) == "<p>None were received.</p>"
        assert_schema_is_the_models(book.engine)
    with MinuteBook.open(team_location, actor="Test Clerk") as again:  # opened as it is
        assert [m.title for m in meetings.list_meetings(again)] == ["Panel"]


def assert_schema_is_the_models(engine: object) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as connection:  # type: ignore[attr-defined]
        # The full-text index is SQL the models cannot declare (store/search_index_pg.py).
        context = MigrationContext.configure(connection, opts={
            "compare_type": True,
            "include_name": lambda name, type_, _parents: not (
                type_ == "table" and (name or "").startswith("search_"))})
        assert compare_metadata(context, Base.metadata) == []


@pytest.mark.postgresql
def test_every_migration_runs_on_postgresql_from_the_first_revision(
        team_location: str) -> None:
    engine = server.create_server_engine(server.server_url(team_location))
    try:
        migrate.prepare_server(engine, "the test book", target="0001")
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")
                                      ).scalar() == "0001"
        migrate.prepare_server(engine, "the test book")
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")
                                      ).scalar() == migrate.HEAD_REVISION
        assert_schema_is_the_models(engine)
    finally:
        engine.dispose()


@pytest.mark.postgresql
def test_a_newer_book_or_a_foreign_database_is_refused_untouched(
        team_location: str) -> None:
    with MinuteBook.open(team_location):
        pass
    plain = create_engine(server.server_url(team_location))
    try:
        with plain.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(NewerBookError, match="newer version of Minute Taker"):
            MinuteBook.open(team_location)
        with plain.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(text(f'DROP TABLE "{table.name}" CASCADE'))
            connection.execute(text("DROP TABLE alembic_version"))
            connection.execute(text("DROP TABLE search_entry"))  # the index, not a model's
            connection.execute(text("CREATE TABLE payroll (id INTEGER PRIMARY KEY)"))
        with pytest.raises(NotABookError, match="not a minute book"):
            MinuteBook.open(team_location)
        with plain.connect() as connection:
            assert inspect(connection).get_table_names() == ["payroll"]
    finally:
        plain.dispose()


@pytest.mark.postgresql
def test_a_team_book_opened_read_only_refuses_every_write(team_location: str) -> None:
    with MinuteBook.open(team_location) as book:
        committee = committees.create_committee(book, "Police and Crime Panel",
                                                standing_items=[])
    reader = MinuteBook.open_team(team_location, read_only="Opened for reading.")
    try:
        assert [c.name for c in committees.list_committees(reader)] == [
            "Police and Crime Panel"]
        with pytest.raises((BookWriteError, ValidationError), match="read-only"):
            meetings.create_meeting(reader, committee.id, "Panel", OCTOBER)
    finally:
        reader.close()


@pytest.mark.postgresql
def test_a_team_books_index_is_made_with_it_and_rebuilt_whole(team_book: MinuteBook) -> None:
    """An empty database made a book has its full-text index (store/search_index_pg.py),
    filled by its triggers; a rebuild finds the same."""
    from minute_taker.services import search

    committee = committees.create_committee(team_book, "Police and Crime Panel")
    meeting = meetings.create_meeting(team_book, committee.id, "Panel", OCTOBER)
    item = agenda.add_item(team_book, meeting.id, "Proposed precept")
    agenda.set_item_minutes(team_book, item.id, "<p>The precept was supported.</p>")
    before = search.search(team_book, "precept")
    assert {hit.kind for hit in before} == {"titles", "notes"}
    assert search.rebuild_index(team_book) >= 2
    assert search.search(team_book, "precept") == before


@pytest.mark.postgresql
def test_the_setup_script_in_the_docs_gives_a_book_every_clerk_can_write(
        postgresql_cluster: object) -> None:
    """docs/team-book.sql as the docs tell a server's administrator to run it: two
    clerks, each logging in as themselves, both write the book the first one made."""
    from pathlib import Path

    script = (Path(__file__).parents[2] / "docs" / "team-book.sql").read_text()
    statements = [s.strip() for s in "\n".join(
        line for line in script.splitlines() if not line.startswith("--")).split(";")]
    cluster = postgresql_cluster
    try:
        for statement in filter(None, statements):
            cluster.execute(statement)  # type: ignore[attr-defined]
        urls = [cluster.url("committee_minutes").replace(  # type: ignore[attr-defined]
            "minute_taker@", f"{clerk}@") for clerk in ("jackie", "louise")]
        with MinuteBook.open(urls[0], actor="Jackie Irvin") as book:
            committees.create_committee(book, "Police and Crime Panel")
        with MinuteBook.open(urls[1], actor="Louise Wall") as book:
            committees.create_committee(book, "Audit Committee")
            assert {c.name for c in committees.list_committees(book)} == {
                "Police and Crime Panel", "Audit Committee"}
    finally:
        for statement in ("DROP DATABASE IF EXISTS committee_minutes WITH (FORCE)",
                          "DROP ROLE IF EXISTS jackie", "DROP ROLE IF EXISTS louise",
                          "DROP ROLE IF EXISTS minutes_team"):
            cluster.execute(statement)  # type: ignore[attr-defined]


@pytest.mark.postgresql
def test_a_clerk_without_rights_on_the_book_is_told_so(postgresql_cluster: object,
                                                      team_location: str) -> None:
    with MinuteBook.open(team_location):
        pass
    cluster = postgresql_cluster
    cluster.execute("CREATE ROLE visitor LOGIN")  # type: ignore[attr-defined]
    try:
        visitor = team_location.replace("minute_taker@", "visitor@")
        with pytest.raises(BookError, match="Cannot open the team book .*permission denied"):
            MinuteBook.open(visitor)
    finally:
        cluster.execute("DROP OWNED BY visitor")  # type: ignore[attr-defined]
        cluster.execute("DROP ROLE visitor")  # type: ignore[attr-defined]


@pytest.mark.postgresql
def test_two_windows_opening_a_book_to_update_take_turns(team_location: str) -> None:
    """The first start after an update, by two clerks at once: one upgrades the book, the
    other waits for it and finds it done (before the lock, the second failed on the
    first's tables)."""
    engine = server.create_server_engine(server.server_url(team_location))
    try:
        migrate.prepare_server(engine, "the test book", target="0010")  # the old release
    finally:
        engine.dispose()
    start = threading.Barrier(2)
    opened: list[str] = []

    def open_it(name: str) -> None:
        start.wait()
        with MinuteBook.open(team_location, actor=name) as book:
            opened.append(str(book.actor))

    threads = [threading.Thread(target=open_it, args=(name,))
               for name in ("Jackie Irvin", "Louise Wall")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(opened) == ["Jackie Irvin", "Louise Wall"]


@pytest.mark.postgresql
def test_a_command_that_changes_a_book_does_not_start_one(team_location: str) -> None:
    with pytest.raises(NotABookError, match="There is no minute book in .* yet"):
        MinuteBook.open_team(team_location, create=False)
    engine = server.create_server_engine(server.server_url(team_location))
    try:
        with engine.connect() as connection:
            assert not inspect(connection).get_table_names()
    finally:
        engine.dispose()


@pytest.mark.postgresql
def test_0017_indexes_what_a_team_book_already_holds(team_location: str) -> None:
    """A team book from before its index: the upgrade fills it from the rows there."""
    from minute_taker.services import search

    engine = server.create_server_engine(server.server_url(team_location))
    try:
        migrate.prepare_server(engine, "the test book", target="0016")
    finally:
        engine.dispose()
    plain = create_engine(server.server_url(team_location))
    try:
        with plain.begin() as connection:
            assert "search_entry" not in inspect(connection).get_table_names()
            connection.execute(text(
                "INSERT INTO committee (uid, name, numbering_scheme, number_start, "
                "house_style, created_at) VALUES ('c', 'Panel', 'decimal', 1, 'narrative', "
                "now()); INSERT INTO meeting (uid, committee_id, title, date, status, "
                "created_at, updated_at) VALUES ('m', 1, 'Panel', '2017-10-31', 'draft', "
                "now(), now()); INSERT INTO agenda_item (uid, meeting_id, position, number, "
                "title, description, minutes_html, confidential, updated_at) VALUES ('i', 1, "
                "0, '1', 'Precept', '', '<p>The kestrels nest.</p>', false, now())"))
    finally:
        plain.dispose()
    with MinuteBook.open(team_location) as book:  # upgraded on opening
        assert {hit.kind for hit in search.search(book, "kestrels")} == {"notes"}
        assert {hit.kind for hit in search.search(book, "precept")} == {"titles"}


@pytest.mark.postgresql
def test_connections_the_server_dropped_are_replaced_before_they_are_used(
        postgresql_cluster: object, team_location: str) -> None:
    """A server restarted, or a laptop woken from sleep after the server closed its
    connections: the next edit goes in on a new connection, not reported as a failed
    save (``pool_pre_ping``)."""
    with MinuteBook.open(team_location, actor="Jackie Irvin") as book:
        committee = committees.create_committee(book, "Police and Crime Panel",
                                                standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, "Panel", dt.date(2026, 12, 8))
        agenda.add_item(book, meeting.id, "Apologies")
        database = make_url(team_location).database
        for _round in range(2):
            postgresql_cluster.execute(  # type: ignore[attr-defined]
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = '{database}' AND pid <> pg_backend_pid()")
            agenda.add_item(book, meeting.id, "Declarations of interest")
        assert [i.title for i in agenda.list_items(book, meeting.id)] == [
            "Apologies", "Declarations of interest", "Declarations of interest"]


@pytest.mark.postgresql
def test_a_change_the_server_refuses_is_said_and_not_a_crash(
        postgresql_cluster: object, team_location: str) -> None:
    """Rights taken away, or a standby that only reads after a failover: the change is
    refused with a BookWriteError (the window keeps the words and tries again), never
    a database error reaching the window's crash dialog."""
    cluster = postgresql_cluster
    database = make_url(team_location).database
    with MinuteBook.open(team_location, actor="Jackie Irvin") as book:
        committee = committees.create_committee(book, "Police and Crime Panel",
                                                standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, "Panel", dt.date(2026, 12, 8))
        cluster.execute(f"ALTER DATABASE {database} SET "  # type: ignore[attr-defined]
                        "default_transaction_read_only = on")
        try:
            cluster.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "  # type: ignore[attr-defined]
                            f"WHERE datname = '{database}' AND pid <> pg_backend_pid()")
            with pytest.raises(BookWriteError, match=r"The team book .* refused the change "
                               r"\(cannot execute INSERT in a read-only transaction\); "
                               "your change was not saved yet."):
                agenda.add_item(book, meeting.id, "Apologies")
            assert agenda.list_items(book, meeting.id) == []  # reading goes on
        finally:
            cluster.execute(f"ALTER DATABASE {database} RESET "  # type: ignore[attr-defined]
                            "default_transaction_read_only")

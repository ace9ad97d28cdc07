"""A team book's backup also keeps PostgreSQL's own archive of the database, where a
``pg_dump`` able to read the server is installed (issue 22, store/pg_dump.py): one a
database administrator restores with ``pg_restore`` as docs/storage.md says, which is
then the same book. Without one, or when it fails, the backup is the book file alone."""

from __future__ import annotations

import datetime as dt
import logging
import os
import stat
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import make_url

from minute_taker.services import agenda, interchange, meetings, search
from minute_taker.store import backups, pg_dump
from minute_taker.store.book import MinuteBook
from minute_taker.store.copy_book import check_book
from minute_taker.store.errors import BookWriteError

MORNING = dt.datetime(2026, 12, 6, 9, 0)


def restore(cluster: object, archive: Path, database: str, role: str) -> str:
    """The archive restored as docs/storage.md tells an administrator to: a new database
    the team's role owns, pg_restore as a superuser working as that role."""
    from pg_cluster import find_program

    cluster.execute(f"CREATE DATABASE {database} OWNER {role}")  # type: ignore[attr-defined]
    url = cluster.url(database)  # type: ignore[attr-defined]
    done = subprocess.run([find_program("pg_restore") or "pg_restore", "--no-owner",
                           f"--role={role}", f"--dbname={url}", str(archive)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return str(url)


@pytest.mark.postgresql
def test_the_servers_archive_restored_is_the_same_book_and_a_working_one(
        team_book: MinuteBook, tmp_path: Path, postgresql_cluster: object) -> None:
    meeting = interchange.load_demo(team_book)
    root = tmp_path / "backups"
    made = backups.back_up(team_book, root, now=MORNING)
    [listed] = backups.list_backups(backups.backup_key(team_book), root)
    assert listed.path == made
    archive = listed.server_dump
    assert archive is not None and archive.name == "20261206-090000-000000.1-meetings.pg_dump"
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # minutes are confidential
    assert listed.size == made.stat().st_size + archive.stat().st_size
    assert [p.name for p in archive.parent.iterdir() if p.name.startswith(".")] == []

    cluster = postgresql_cluster
    cluster.execute("CREATE ROLE restore_team NOLOGIN")  # type: ignore[attr-defined]
    try:
        url = restore(cluster, archive, "restored_book", "restore_team")
        with MinuteBook.open(url, actor="Office") as restored:
            assert check_book(restored) == check_book(team_book)  # every table, row for row
            assert search.search(restored, "budget") == search.search(team_book, "budget")
            # The triggers came back too: a new item is found at once.
            item = agenda.add_item(restored, meeting, "Kittiwake survey")
            assert [hit.item_id for hit in search.search(restored, "kittiwake")] == [item.id]
            assert meeting in {m.id for m in meetings.list_meetings(restored)}
    finally:
        cluster.execute("DROP DATABASE IF EXISTS restored_book WITH (FORCE)")  # type: ignore[attr-defined]
        cluster.execute("DROP ROLE restore_team")  # type: ignore[attr-defined]


@pytest.mark.postgresql
def test_without_a_pg_dump_that_can_read_the_server_the_backup_is_the_book_alone(
        team_book: MinuteBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    interchange.load_demo(team_book)
    major = pg_dump.server_major(team_book)
    monkeypatch.setattr(pg_dump, "server_major", lambda _book: major + 1)  # a newer server
    caplog.set_level(logging.INFO, logger="minute_taker.store.backups")
    made = backups.back_up(team_book, tmp_path, now=MORNING)
    [listed] = backups.list_backups(backups.backup_key(team_book), tmp_path)
    assert listed.path == made and listed.server_dump is None and listed.meetings == 1
    assert f"No pg_dump of PostgreSQL {major + 1} or newer" in caplog.text
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]


def fake_pg_dump(folder: Path, version: str, *, then: str = "exit 0") -> Path:
    """A program that says it is ``pg_dump`` of ``version`` and then does ``then``."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "pg_dump"
    program.write_text("#!/bin/sh\n"
                       f'if [ "$1" = --version ]; then echo "pg_dump (PostgreSQL) {version}"; '
                       f"exit 0; fi\n{then}\n")
    program.chmod(0o755)
    return program


@pytest.mark.postgresql
def test_a_pg_dump_that_fails_leaves_the_backup_standing_and_nothing_half_written(
        team_book: MinuteBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    interchange.load_demo(team_book)
    # Writes part of an archive, then fails as pg_dump does on a dropped connection.
    failing = fake_pg_dump(tmp_path / "bin", "99.1", then=(
        'for a in "$@"; do case "$a" in --file=*) echo PGDMP > "${a#--file=}";; esac; done\n'
        'echo "pg_dump: error: connection to server lost" >&2; exit 1'))
    monkeypatch.setattr(pg_dump, "find_tool",
                        lambda _major: pg_dump.Tool(failing, 99, None))
    caplog.set_level(logging.WARNING, logger="minute_taker.store.backups")
    made = backups.back_up(team_book, tmp_path / "backups", now=MORNING)
    assert "is the book file alone: pg_dump failed: pg_dump: error: connection to server " \
           "lost" in caplog.text
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]
    with pytest.raises(BookWriteError, match="pg_dump failed: .*connection to server lost"):
        pg_dump.dump(team_book, tmp_path / "by-hand.pg_dump",
                     pg_dump.Tool(failing, 99, None))
    assert list(tmp_path.glob("*by-hand*")) == []


def test_the_newest_pg_dump_that_can_read_the_server_is_chosen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = fake_pg_dump(tmp_path / "13" / "bin", "13.14")
    new = fake_pg_dump(tmp_path / "17" / "bin", "17.2 (Debian 17.2-1)")
    on_path = fake_pg_dump(tmp_path / "path", "16.6")
    (tmp_path / "17" / "bin" / "pg_restore").write_text("#!/bin/sh\n")
    (tmp_path / "17" / "bin" / "pg_restore").chmod(0o755)
    monkeypatch.setattr(pg_dump, "_PLACES", (str(tmp_path / "*" / "bin"),))
    monkeypatch.setenv("PATH", f"{on_path.parent}{os.pathsep}/usr/bin:/bin")
    assert pg_dump.find_tool(15) == pg_dump.Tool(new.resolve(), 17,
                                                  (new.parent / "pg_restore").resolve())
    assert pg_dump.find_tool(14).major == 17  # type: ignore[union-attr]
    assert pg_dump.find_tool(18) is None  # none can dump a newer server
    assert old.exists()


def test_the_password_goes_to_pg_dump_in_its_environment_never_its_command_line() -> None:
    url = make_url("postgresql+psycopg://jackie:s%C3%A9cret@/minutes?host=/run/postgresql"
                   "&sslmode=prefer")
    uri, env = pg_dump.connection(url)
    assert "cret" not in uri and "jackie@" in uri and "sslmode=prefer" in uri
    assert uri.startswith("postgresql://")  # libpq's own scheme, not SQLAlchemy's
    assert env["PGPASSWORD"] == "sécret"
    assert "PGPASSWORD" not in pg_dump.connection(
        make_url("postgresql+psycopg://jackie@db/minutes"))[1]


@pytest.mark.postgresql
def test_the_archive_goes_with_its_backup_when_pruned_and_a_lone_one_is_removed(
        team_book: MinuteBook, tmp_path: Path) -> None:
    interchange.load_demo(team_book)
    key = backups.backup_key(team_book)
    first = backups.back_up(team_book, tmp_path, now=MORNING)
    folder = first.parent
    lone = folder / "20250101-090000-000000.1-meetings.pg_dump"
    lone.write_bytes(b"PGDMP")
    (folder / ".20250101-090000-000000.pg_dump.partial").write_bytes(b"PGD")
    backups.prune(key, tmp_path, now=MORNING)
    assert {p.name for p in folder.iterdir()} == {"20261206-090000-000000.1-meetings.pg_dump",
                                                   first.name}
    [listed] = backups.list_backups(key, tmp_path)
    assert backups.space_used(tmp_path, key) == listed.size == sum(
        p.stat().st_size for p in folder.iterdir())
    # Over the budget (which counts the archives too), the older backup goes, and its
    # archive with it.
    later = backups.back_up(team_book, tmp_path, now=MORNING + dt.timedelta(days=8),
                            budget=listed.size * 3 // 2)
    assert {p.name for p in folder.iterdir()} == {
        "20261214-090000-000000.1-meetings.pg_dump", later.name, backups.BUDGET_NOTE}

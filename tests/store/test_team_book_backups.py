"""A team book's backups (issue 22, store/backups.py ``make_team_backup``): a book in a
file holding every row the team book does, checked and compressed like a file's backup,
listed and pruned by a key of its own that names the database and the server; the
restored file opens in the app and goes back to a server with copy-book."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from minute_taker.services import approval, interchange, meetings
from minute_taker.store import backups
from minute_taker.store import copy_book as copy_book_module
from minute_taker.store.book import MinuteBook
from minute_taker.store.copy_book import check_book, copy_book
from minute_taker.store.errors import BookError, BookWriteError

pytestmark = pytest.mark.postgresql


def test_a_team_books_backup_is_a_checked_book_of_every_row(
        team_book: MinuteBook, tmp_path: Path, postgresql_cluster: object) -> None:
    meeting = interchange.load_demo(team_book)
    root = tmp_path / "backups"
    made = backups.back_up(team_book, root, now=dt.datetime(2026, 12, 6, 9, 0))

    key = backups.backup_key(team_book)
    assert key != team_book.path and team_book.path.name in str(key)
    [listed] = backups.list_backups(key, root)
    assert listed.path == made and listed.compressed and listed.meetings == 1
    restored = backups.restore_to(made, tmp_path / "restored.minutebook")
    with MinuteBook.open(restored, actor="Office") as copy:
        assert check_book(copy) == check_book(team_book)  # every table, row for row
        assert all(result.matches for result in approval.verify_book(copy))
        # ... and back to a server, where it is the book it was.
        with postgresql_cluster.fresh_database() as url, \
                MinuteBook.open(url, actor="Office") as again:  # type: ignore[attr-defined]
            copy_book(copy, again)
            assert check_book(again) == check_book(team_book)
    assert meeting in {m.id for m in meetings.list_meetings(team_book)}


def test_a_backup_whose_copy_fails_leaves_nothing_behind(
        team_book: MinuteBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    interchange.load_demo(team_book)
    root = tmp_path / "backups"

    def differs(_source: MinuteBook, _target: MinuteBook) -> None:
        raise BookError("The copy does not match it (meeting), so it was not kept.")

    monkeypatch.setattr(copy_book_module, "copy_book", differs)
    with pytest.raises(BookWriteError, match="Could not back up .*does not match"):
        backups.back_up(team_book, root)
    [folder] = root.iterdir()
    assert list(folder.iterdir()) == []  # no partial file, no copy left to look whole


def test_two_servers_books_of_one_name_keep_their_backups_apart(
        team_book: MinuteBook) -> None:
    here = backups.backup_key(team_book)
    team_book.server = team_book.server.replace(" on ", " on elsewhere-")  # type: ignore[union-attr]
    assert backups.folder_for(backups.backup_key(team_book), Path("/b")) != \
        backups.folder_for(here, Path("/b"))


def test_a_team_book_copied_to_a_file_is_every_row_and_never_an_empty_book(
        team_book: MinuteBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """*Save to another file* on a team book (ui/book/opening.py): the whole book, checked.
    Before, the team book's name was taken for a file: SQLite made an empty book of that
    name in the working folder and copied it, and the window went on in an empty book."""
    interchange.load_demo(team_book)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BookWriteError, match="there is no book file at"):
        backups.copy_to_new_book(team_book.path, tmp_path / "empty.minutebook")
    assert list(tmp_path.iterdir()) == []

    copy = backups.copy_book_to_file(team_book, tmp_path / "Panel.minutebook")
    with MinuteBook.open(copy) as opened:
        assert check_book(opened) == check_book(team_book)
    with pytest.raises(BookWriteError, match="already exists"):
        backups.copy_book_to_file(team_book, copy)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Panel.minutebook"]


def test_a_book_names_itself_by_its_file_or_its_database_and_server(
        team_book: MinuteBook, tmp_path: Path) -> None:
    assert team_book.server is not None and team_book.server.startswith(team_book.path.name)
    assert team_book.location == team_book.name == team_book.server
    assert team_book.folder is None  # no folder to find papers or review copies in
    with MinuteBook.open(tmp_path / "Panel.minutebook") as file_book:
        assert file_book.location == str(tmp_path / "Panel.minutebook")
        assert file_book.name == "Panel.minutebook" and file_book.folder == tmp_path

"""Rolling backups: consistent, private, bounded, listed with their meetings, restorable."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest

from minute_taker.services import interchange, meetings
from minute_taker.store import backups
from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import BookWriteError


@pytest.fixture
def demo_book(tmp_path: Path) -> Path:
    path = tmp_path / "Minutes.minutebook"
    with MinuteBook.open(path) as book:
        interchange.load_demo(book)
    return path


def test_a_backup_is_a_private_consistent_copy(demo_book: Path, tmp_path: Path) -> None:
    root = tmp_path / "backups"
    copy = backups.make_backup(demo_book, root)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    with sqlite3.connect(copy) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    [info] = backups.list_backups(demo_book, root)
    assert info.path == copy and info.meetings == 1 and info.size > 0
    assert abs(info.taken_at - dt.datetime.now()) < dt.timedelta(minutes=1)


def test_backups_are_taken_while_the_book_is_open_and_written(demo_book: Path,
                                                              tmp_path: Path) -> None:
    with MinuteBook.open(demo_book) as book:
        committee = meetings.get_header(book, 1).committee_id
        meetings.create_meeting(book, committee, "November", dt.date(2017, 11, 29))
        copy = backups.make_backup(demo_book, tmp_path / "b")
    assert backups.list_backups(demo_book, tmp_path / "b")[0].path == copy
    assert backups.list_backups(demo_book, tmp_path / "b")[0].meetings == 2


def test_only_the_newest_copies_are_kept(demo_book: Path, tmp_path: Path) -> None:
    root = tmp_path / "b"
    start = dt.datetime(2026, 11, 23, 9, 0)
    for minute in range(5):
        backups.make_backup(demo_book, root, keep=3, now=start + dt.timedelta(minutes=minute))
    times = [b.taken_at.minute for b in backups.list_backups(demo_book, root)]
    assert times == [4, 3, 2]


def test_books_with_the_same_name_elsewhere_have_their_own_backups(
        demo_book: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / demo_book.name
    other.parent.mkdir()
    with MinuteBook.open(other):
        pass
    backups.make_backup(demo_book, tmp_path / "b")
    assert backups.list_backups(other, tmp_path / "b") == []


def test_restore_makes_a_new_book_and_never_overwrites(demo_book: Path,
                                                       tmp_path: Path) -> None:
    copy = backups.make_backup(demo_book, tmp_path / "b")
    restored = backups.restore_to(copy, tmp_path / "Restored.minutebook")
    with MinuteBook.open(restored) as book:
        assert [m.title for m in meetings.list_meetings(book)] == [
            "Monthly Assurance Meeting – October 2017"]
    with pytest.raises(BookWriteError, match="already exists"):
        backups.restore_to(copy, demo_book)


def test_a_backup_that_cannot_be_written_says_so_and_leaves_nothing(
        demo_book: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the backup folder should be")
    with pytest.raises((BookWriteError, OSError)):
        backups.make_backup(demo_book, blocked)
    assert blocked.read_text() == "a file where the backup folder should be"


def test_unreadable_copies_are_listed_without_a_count(demo_book: Path, tmp_path: Path) -> None:
    copy = backups.make_backup(demo_book, tmp_path / "b")
    copy.write_bytes(b"not a database")
    [info] = backups.list_backups(demo_book, tmp_path / "b")
    assert info.meetings is None

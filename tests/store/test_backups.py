"""Backups: consistent, compressed, private, written whole or not at all, pruned in tiers
within a budget, listed with their meetings and restorable, old uncompressed ones too."""

from __future__ import annotations

import datetime as dt
import lzma
import os
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


def test_a_backup_is_a_private_consistent_compressed_copy(demo_book: Path,
                                                          tmp_path: Path) -> None:
    root = tmp_path / "backups"
    copy = backups.make_backup(demo_book, root)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    unpacked = tmp_path / "unpacked.minutebook"
    unpacked.write_bytes(lzma.decompress(copy.read_bytes()))
    with sqlite3.connect(unpacked) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    [info] = backups.list_backups(demo_book, root)
    assert info.path == copy and info.meetings == 1 and info.compressed
    assert 0 < info.size < demo_book.stat().st_size / 3
    assert abs(info.taken_at - dt.datetime.now()) < dt.timedelta(minutes=1)
    assert list(copy.parent.iterdir()) == [copy]  # no temporary file left beside it


def test_backups_are_taken_while_the_book_is_open_and_written(demo_book: Path,
                                                              tmp_path: Path) -> None:
    with MinuteBook.open(demo_book) as book:
        committee = meetings.get_header(book, 1).committee_id
        meetings.create_meeting(book, committee, "November", dt.date(2017, 11, 29))
        copy = backups.make_backup(demo_book, tmp_path / "b")
    assert backups.list_backups(demo_book, tmp_path / "b")[0].path == copy
    assert backups.list_backups(demo_book, tmp_path / "b")[0].meetings == 2


def test_backups_are_pruned_in_tiers_as_they_are_made(demo_book: Path,
                                                      tmp_path: Path) -> None:
    root = tmp_path / "b"
    monday = dt.datetime(2026, 11, 23, 9, 0)
    for day, minute in ((0, 0), (0, 15), (0, 30), (1, 0), (1, 15), (9, 0), (9, 15)):
        backups.make_backup(demo_book, root,
                            now=monday + dt.timedelta(days=day, minutes=minute))
    times = [b.taken_at for b in backups.list_backups(demo_book, root)]
    # Day 9: both (the last 24 hours); days 0 and 1: the newest of each.
    assert [(t.day, t.minute) for t in times] == [(2, 15), (2, 0), (24, 15), (23, 30)]
    assert backups.budget_note(demo_book, root) is None


def test_over_the_budget_the_oldest_go_and_the_user_is_told(demo_book: Path,
                                                           tmp_path: Path) -> None:
    root = tmp_path / "b"
    first = dt.datetime(2026, 9, 1, 9, 0)
    for week in range(12):
        backups.make_backup(demo_book, root, now=first + dt.timedelta(weeks=week))
    size = backups.list_backups(demo_book, root)[0].size
    assert len(backups.list_backups(demo_book, root)) == 12
    assert backups.space_used(root, demo_book) == backups.space_used(root) >= 12 * size
    now = first + dt.timedelta(weeks=11, minutes=15)
    pruned = backups.prune(demo_book, root, budget=5 * size + size // 2, now=now)
    left = backups.list_backups(demo_book, root)
    assert len(left) == 5 and len(pruned.over_budget) == 7
    assert min(b.taken_at for b in left) == first + dt.timedelta(weeks=7)
    note = backups.budget_note(demo_book, root)
    assert note is not None and note.removed == 7 and note.last_at == now
    assert note.newest_removed == first + dt.timedelta(weeks=6)
    assert stat.S_IMODE((left[0].path.parent / backups.BUDGET_NOTE).stat().st_mode) == 0o600
    # A budget smaller than one backup still keeps the newest.
    backups.make_backup(demo_book, root, budget=1, now=now + dt.timedelta(days=60))
    assert len(backups.list_backups(demo_book, root)) == 1
    assert backups.budget_note(demo_book, root).removed == 12  # type: ignore[union-attr]


def test_a_copy_that_does_not_read_back_is_never_kept(demo_book: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "b"
    first = backups.make_backup(demo_book, root)
    monkeypatch.setattr(backups, "_reads_back_as", lambda path, digest: False)
    with pytest.raises(BookWriteError, match="did not read back"):
        backups.make_backup(demo_book, root)
    assert list(first.parent.iterdir()) == [first]


def test_a_crash_mid_backup_leaves_nothing_that_looks_whole(demo_book: Path,
                                                            tmp_path: Path) -> None:
    root = tmp_path / "b"
    copy = backups.make_backup(demo_book, root)
    partial = copy.with_name(f".{copy.name.replace('20', '19', 1)}.partial")
    partial.write_bytes(copy.read_bytes()[:100])  # what a crash before the rename leaves
    assert [b.path for b in backups.list_backups(demo_book, root)] == [copy]
    cut = copy.with_name(copy.name.replace("20", "19", 1))  # cut short some other way
    cut.write_bytes(copy.read_bytes()[:-100])
    listed = {b.path: b.meetings for b in backups.list_backups(demo_book, root)}
    assert listed == {copy: 1, cut: None}
    with pytest.raises(BookWriteError, match="Could not restore"):
        backups.restore_to(cut, tmp_path / "Restored.minutebook")
    assert not (tmp_path / "Restored.minutebook").exists()
    assert not (tmp_path / ".Restored.minutebook.partial").exists()


def old_style_backup(book: Path, root: Path, when: dt.datetime) -> Path:
    """A backup as versions before compression made them: a plain SQLite copy."""
    folder = backups.folder_for(book, root)
    folder.mkdir(parents=True, exist_ok=True)
    return backups.copy_to_new_book(book, folder / f"{when:%Y%m%d-%H%M%S-%f}.minutebook")


def test_old_uncompressed_backups_are_listed_restored_and_pruned(demo_book: Path,
                                                                tmp_path: Path) -> None:
    root = tmp_path / "b"
    monday = dt.datetime(2026, 11, 23, 9, 0)
    older = old_style_backup(demo_book, root, monday)
    old = old_style_backup(demo_book, root, monday + dt.timedelta(hours=1))
    [info, _] = backups.list_backups(demo_book, root)
    assert info.path == old and info.meetings == 1 and not info.compressed
    assert backups.latest_backup(demo_book, root) == info
    restored = backups.restore_to(old, tmp_path / "Restored.minutebook")
    with MinuteBook.open(restored) as book:
        assert len(meetings.list_meetings(book)) == 1
    new = backups.make_backup(demo_book, root, now=monday + dt.timedelta(days=2))
    assert [b.path for b in backups.list_backups(demo_book, root)] == [new, old]
    assert old.exists() and not older.exists()


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
    assert stat.S_IMODE(restored.stat().st_mode) == 0o600
    assert sorted(os.listdir(tmp_path)) == ["Minutes.minutebook", "Restored.minutebook", "b"]
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


def test_backing_up_a_book_that_is_no_file_makes_no_file(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """A team book's path is its database's name: backing it up must not make an empty
    file of that name in the working folder (SQLite's connect would)."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BookWriteError, match="there is no book file"):
        backups.make_backup(Path("book_1"), tmp_path / "backups")
    assert not (tmp_path / "book_1").exists()

"""One writer per book: the lock file, and a second opening that becomes read-only."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from minute_taker.services import committees
from minute_taker.store import book_lock, migrate
from minute_taker.store.book import MinuteBook
from minute_taker.store.book_lock import BookInUseError, BookLock, lock_path, read_holder
from minute_taker.store.errors import BookError, BookWriteError

HOLDER = """
import sys, time
from pathlib import Path
from minute_taker.store.book import MinuteBook
book = MinuteBook.open(Path(sys.argv[1]), actor="Alice Clerk", claim=True)
print("read-only" if book.read_only else "holding", flush=True)
time.sleep(120)
"""


def dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return list(connection.iterdump())


@contextlib.contextmanager
def held_in_another_process(path: Path) -> Iterator[subprocess.Popen[str]]:
    with subprocess.Popen([sys.executable, "-c", HOLDER, str(path)],
                          stdout=subprocess.PIPE, text=True) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "holding"
            yield child
        finally:
            child.kill()
            child.wait(timeout=30)


def test_a_claim_writes_a_private_lock_file_naming_the_holder(book_path: Path) -> None:
    MinuteBook.open(book_path).close()
    lock = BookLock.claim(book_path, "Jackie Irvin")
    try:
        assert lock_path(book_path).name == ".test.minutebook.lock"
        assert lock_path(book_path).stat().st_mode & 0o777 == 0o600
        holder = read_holder(book_path)
        assert holder is not None
        assert (holder.user, holder.pid) == ("Jackie Irvin", os.getpid())
        assert holder.describe().startswith("Jackie Irvin on this computer since ")
    finally:
        lock.release()
    assert not lock_path(book_path).exists()
    assert read_holder(book_path) is None


def test_a_second_claim_is_refused_with_who_holds_the_book(book_path: Path) -> None:
    MinuteBook.open(book_path).close()
    lock = BookLock.claim(book_path, "Jackie Irvin")
    try:
        with pytest.raises(BookInUseError) as refused:
            BookLock.claim(book_path, "Someone Else")
        assert refused.value.holder is not None
        assert "test.minutebook is open for editing by Jackie Irvin on this computer" in str(
            refused.value)
    finally:
        lock.release()
    BookLock.claim(book_path, "Someone Else").release()


def test_a_book_held_by_another_process_opens_read_only_and_refuses_writes(
        book_path: Path) -> None:
    with MinuteBook.open(book_path) as book:
        committees.create_committee(book, "Audit Committee")
    with held_in_another_process(book_path) as child:
        before = dump(book_path)
        with MinuteBook.open(book_path, actor="Bob", claim=True) as second:
            assert second.read_only is not None and second.held_elsewhere
            assert second.read_only.startswith("It is open for editing by Alice Clerk on "
                                               "this computer since ")
            assert [c.name for c in committees.list_committees(second)] == ["Audit Committee"]
            with pytest.raises(BookWriteError, match="open read-only here") as refused:
                committees.create_committee(second, "Standards Committee")
            assert "Alice Clerk" in str(refused.value)
        assert dump(book_path) == before
        holder = read_holder(book_path)
        assert holder is not None and holder.pid == child.pid


def test_a_lock_left_by_a_killed_process_is_taken_over(book_path: Path) -> None:
    MinuteBook.open(book_path).close()
    with held_in_another_process(book_path) as child:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert lock_path(book_path).exists()  # left behind, as after a crash
    assert read_holder(book_path) is None  # but nobody holds it
    with MinuteBook.open(book_path, claim=True) as book:
        assert book.read_only is None
        committees.create_committee(book, "Audit Committee")


def test_closing_the_writer_lets_the_next_opening_edit(book_path: Path) -> None:
    first = MinuteBook.open(book_path, claim=True)
    second = MinuteBook.open(book_path, claim=True)
    assert first.read_only is None and second.read_only is not None
    first.close()
    second.close()
    with MinuteBook.open(book_path, claim=True) as third:
        assert third.read_only is None
    assert not lock_path(book_path).exists()


def test_an_unwritable_file_opens_read_only(book_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # Root may write any file, so the permission itself is stood in for here;
    # test_read_only_folder.py denies it for real, as an unprivileged user.
    MinuteBook.open(book_path).close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) == book_path
                        and mode == os.W_OK else real_access(path, mode))
    with MinuteBook.open(book_path, claim=True) as book:
        assert book.read_only == "The file is read-only."
        assert not book.held_elsewhere
    assert not lock_path(book_path).exists()


def test_a_lock_file_that_cannot_be_made_means_read_only(book_path: Path) -> None:
    MinuteBook.open(book_path).close()
    lock_path(book_path).mkdir()
    with MinuteBook.open(book_path, claim=True) as book:
        assert book.read_only is not None
        assert book.read_only.startswith("Minute Taker cannot create the lock file")
        assert not book.held_elsewhere


def test_read_only_never_upgrades_an_older_book(book_path: Path) -> None:
    book_path.touch(mode=0o600)
    migrate.upgrade_book(book_path, target="0002")
    before = dump(book_path)
    lock = BookLock.claim(book_path, "Alice Clerk")
    try:
        with pytest.raises(BookError, match="earlier version of Minute Taker"):
            MinuteBook.open(book_path, claim=True)
    finally:
        lock.release()
    assert dump(book_path) == before


def test_the_lock_file_is_read_even_when_it_holds_nonsense(book_path: Path) -> None:
    MinuteBook.open(book_path).close()
    lock = BookLock.claim(book_path, "Alice Clerk")
    try:
        lock_path(book_path).write_text("not json")
        with pytest.raises(BookInUseError, match="another Minute Taker window"):
            BookLock.claim(book_path, "Bob")
    finally:
        lock.release()


def test_the_holder_is_named_with_the_computer_when_it_is_another(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    holder = book_lock.LockHolder("Alice Clerk", "COUNCIL-LT-7", 4242,
                                  dt.datetime(2026, 11, 2, 9, 30))
    monkeypatch.setattr(book_lock, "this_computer", lambda: "my-laptop")
    assert holder.describe() == "Alice Clerk on COUNCIL-LT-7 since 09:30 on 02 Nov 2026"

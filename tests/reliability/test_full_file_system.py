"""A file system that is really full, not stood in for: a 2 MiB tmpfs (or, failing that, a
loop-mounted ext2 image) filled to the last byte. A write is refused with the book's clear
error, nothing committed before is lost, and once there is room again the book opens with
all of it and the refused change goes in; a backup into the full folder fails clearly and
leaves no partial file.

Mounting needs root (and a container that allows it); elsewhere these skip, saying why,
and test_file_size_limit.py and tests/ui/book/test_disk_full.py stand in for them."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from minute_taker.services import agenda, committees, interchange, meetings
from minute_taker.store import backups
from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import BookWriteError

SENTENCE = "The PCC thanked the DCC for the report on rural crime. "
FULL = "The disk holding Panel.minutebook is full; your change was not saved yet."


def _run(*command: str) -> str:
    """'' when the command worked, else what it said (for the skip reason)."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    return "" if done.returncode == 0 else (done.stderr or done.stdout).strip() or "failed"


def _mount_small(mount_point: Path, image: Path) -> str:
    """Mount a 2 MiB file system at ``mount_point``; '' or why it could not be done."""
    tmpfs = _run("mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount_point))
    if not tmpfs:
        return ""
    if shutil.which("mkfs.ext2") is None:
        return f"mount -t tmpfs: {tmpfs}; and no mkfs.ext2 for a loop image"
    with image.open("wb") as handle:
        handle.truncate(2 * 1024 * 1024)
    loop = _run("mkfs.ext2", "-q", "-F", "-m", "0", str(image)) or \
        _run("mount", "-o", "loop", str(image), str(mount_point))
    return f"mount -t tmpfs: {tmpfs}; loop-mounted ext2: {loop}" if loop else ""


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("mounting a small file system needs Linux and root")
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    why_not = _mount_small(mount_point, tmp_path / "small.img")
    if why_not:
        pytest.skip(f"cannot mount a small file system here: {why_not}")
    try:
        yield mount_point
    finally:
        if _run("umount", str(mount_point)):
            _run("umount", "-l", str(mount_point))  # something still holds it open


def fill(folder: Path) -> Path:
    """Write a file until the file system has no byte left; returns it (delete to free)."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        for size in (1 << 16, 1 << 12, 1 << 9, 1):
            block = b"\0" * size
            while True:
                try:
                    if os.write(fd, block) < size:
                        break
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC, exc
                    break
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_refuses_the_write_clearly_and_loses_nothing(small_disk: Path) -> None:
    path = small_disk / "Panel.minutebook"
    book = MinuteBook.open(path, actor="Test Clerk", claim=True)  # as the app opens it
    try:
        committee = committees.create_committee(book, "Police and Crime Panel")
        meeting = meetings.create_meeting(book, committee.id, "Panel", dt.date(2017, 10, 31))
        item = agenda.list_items(book, meeting.id)[0].id
        filler = fill(small_disk)
        written, text, refusal = "", "", ""
        for _ in range(500):  # a clerk's notes growing, saved after each paragraph
            text += f"<p>{SENTENCE * 40}</p>"
            try:
                agenda.set_item_minutes(book, item, text)
                written = text
            except BookWriteError as exc:
                refusal = str(exc)
                break
        assert refusal == FULL
        with pytest.raises(BookWriteError, match="is full"):  # and again while still full
            agenda.set_item_minutes(book, item, text)
    finally:
        book.close()
    filler.unlink()
    with contextlib.closing(sqlite3.connect(path)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with MinuteBook.open(path, actor="Test Clerk", claim=True) as book:
        assert book.read_only is None
        assert [m.title for m in meetings.list_meetings(book)] == ["Panel"]
        assert agenda.get_item_minutes(book, item) == written
        agenda.set_item_minutes(book, item, text)  # the refused change, tried again
    with MinuteBook.open(path) as book:
        assert agenda.get_item_minutes(book, item) == text


def test_a_backup_onto_a_full_disk_says_so_and_leaves_no_partial_file(
        small_disk: Path, tmp_path: Path) -> None:
    book_path = tmp_path / "Panel.minutebook"
    with MinuteBook.open(book_path) as book:
        interchange.load_demo(book)
    root = small_disk / "backups"
    first = backups.make_backup(book_path, root)
    filler = fill(small_disk)
    with pytest.raises(BookWriteError) as refused:
        backups.make_backup(book_path, root)
    assert str(refused.value).startswith("Could not back up Panel.minutebook: ")
    assert "No space left on device" in str(refused.value) or "full" in str(refused.value)
    assert list(first.parent.iterdir()) == [first]  # no partial copy beside it
    assert [b.path for b in backups.list_backups(book_path, root)] == [first]
    assert backups.list_backups(book_path, root)[0].meetings == 1
    filler.unlink()
    second = backups.make_backup(book_path, root)
    assert [b.path for b in backups.list_backups(book_path, root)] == [second, first]

"""A book the user may read but not write, in a folder they may not write either (a shared
drive, a colleague's folder), opens read-only with the reason, and nothing in the folder is
created or changed: no lock file, no -wal or -shm file, not a byte of the book.

Root may write anywhere, so when the suite runs as root the opening is done by a child
process running as the unprivileged user ``nobody``; as anyone else, by a child running as
that user. test_book_lock.py stands in for the permission with a patched ``os.access``;
SQLite does not ask os.access, so only a real permission shows what it then does."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from unprivileged import run_unprivileged

from minute_taker.services import interchange, meetings
from minute_taker.store.book import MinuteBook

pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX users")

CHILD = """
import json, sys
from pathlib import Path
from minute_taker.services import committees, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import BookWriteError

with MinuteBook.open(Path(sys.argv[1]), actor="Sam Reader", claim=True) as book:
    titles = [m.title for m in meetings.list_meetings(book)]
    try:
        committees.create_committee(book, "Written anyway")
        refused = ""
    except BookWriteError as exc:
        refused = str(exc)
    print(json.dumps({"read_only": book.read_only, "held_elsewhere": book.held_elsewhere,
                      "titles": titles, "refused": refused}))
"""


def snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Each entry's content hash, mode and modification time."""
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir",
                     p.stat().st_mode, p.stat().st_mtime_ns) for p in folder.iterdir()}


@pytest.mark.parametrize(("folder_mode", "reason"), [
    pytest.param(0o555, "Minute Taker cannot create the lock file", id="read-only folder"),
    pytest.param(0o777, "The file is read-only.", id="writable folder"),
])
def test_a_book_the_user_cannot_write_opens_read_only_and_changes_nothing(
        world_readable_folder: Path, folder_mode: int, reason: str) -> None:
    shelf = world_readable_folder / "shared"
    shelf.mkdir()
    path = shelf / "Panel.minutebook"
    with MinuteBook.open(path) as book:
        interchange.load_demo(book)
        titles = [m.title for m in meetings.list_meetings(book)]
    path.chmod(0o444)
    shelf.chmod(folder_mode)
    home = world_readable_folder / "home"
    home.mkdir(mode=0o700)
    before = snapshot(shelf)
    assert list(before) == ["Panel.minutebook"]  # no -wal, -shm or lock file to start with
    done = run_unprivileged(CHILD, str(path), home=home)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["read_only"] is not None and report["read_only"].startswith(reason)
    assert not report["held_elsewhere"]
    assert report["titles"] == titles
    assert report["refused"].startswith("Panel.minutebook is open read-only here")
    assert snapshot(shelf) == before

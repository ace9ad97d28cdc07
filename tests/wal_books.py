"""Books whose latest commits are still in their write-ahead log, as a killed app
leaves them (imported by the tests of store/wal.py and of opening a book)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from minute_taker.services import committees
from minute_taker.store.book import MinuteBook
from minute_taker.store.wal import WAL_HEADER, wal_path

COMMITS = 8
LEAVE_IN_LOG = f"""
import datetime as dt, os, sys
from minute_taker.services import committees, meetings
from minute_taker.store.book import MinuteBook
book = MinuteBook.open(sys.argv[1], actor="Clerk")
committee = committees.list_committees(book)[0]
for n in range({COMMITS}):
    meetings.create_meeting(book, committee.id, f"Meeting {{n + 1}}",
                            dt.date(2026, 1, 1) + dt.timedelta(days=7 * n))
os._exit(0)  # no checkpoint: the commits stay in the -wal
"""


def book_with_commits_in_its_log(path: Path) -> Path:
    """A book at ``path`` whose COMMITS meetings were committed by a child process that
    then ended without a checkpoint: they are in the -wal only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with MinuteBook.open(path, actor="Clerk") as book:
        committees.create_committee(book, "Police and Crime Panel", standing_items=[])
    subprocess.run([sys.executable, "-c", LEAVE_IN_LOG, str(path)], check=True, timeout=60)
    assert wal_path(path).stat().st_size > WAL_HEADER
    return path


def damage_log(path: Path, at: int, length: int = 64, *, byte: int = 0xA5) -> None:
    """Overwrite ``length`` bytes of the book's -wal at ``at``."""
    with wal_path(path).open("r+b") as handle:
        handle.seek(at)
        handle.write(bytes([byte]) * length)

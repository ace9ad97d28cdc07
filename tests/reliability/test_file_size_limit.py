"""The operating system refuses to let the book's files grow (RLIMIT_FSIZE, as a full
disk would): each refused write is a clear error, every write before it is in the book,
the file stays intact, and the same write succeeds once there is room again.

tests/ui/book/test_disk_full.py covers the window's side (banner, retry, save elsewhere) with
SQLite's own size limit; this covers what SQLite and the book do when the file system
itself says no, in a child process so the limit binds nobody else. test_full_file_system.py
does the same on a file system that is really full, where the machine allows mounting one."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from minute_taker.services import agenda
from minute_taker.store.book import MinuteBook

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")

CHILD = r"""
import datetime as dt, json, resource, signal, sys
from pathlib import Path
from minute_taker.services import agenda, committees, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import BookWriteError

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write is an error, not death
path = Path(sys.argv[1])
book = MinuteBook.open(path)
committee = committees.create_committee(book, "Police and Crime Panel")
meeting = meetings.create_meeting(book, committee.id, "Panel", dt.date(2017, 10, 31))
item = agenda.list_items(book, meeting.id)[0].id
sizes = [p.stat().st_size for p in path.parent.iterdir()]
_, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (max(sizes) + 48 * 1024, hard))
sentence = "The PCC thanked the DCC for the report on rural crime. "
written, text, refusals = "", "", []
for _ in range(3000):
    text += sentence
    try:
        agenda.set_item_minutes(book, item, "<p>" + text + "</p>")
        written = text
    except BookWriteError as exc:
        refusals.append(str(exc))
        if len(refusals) == 3:  # it keeps refusing while there is no room
            break
resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
agenda.set_item_minutes(book, item, "<p>" + text + "</p>")
book.close()
print(json.dumps({"item": item, "written_before": written, "final": text,
                  "refusals": refusals}))
"""


def test_writes_refused_by_the_file_system_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "Panel.minutebook"
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert len(report["refusals"]) == 3
    assert report["written_before"], "the limit stopped even the first write"
    for message in report["refusals"]:
        assert message in ("Could not write to Panel.minutebook (disk I/O error); your "
                           "change was not saved yet.",
                           "The disk holding Panel.minutebook is full; your change was not "
                           "saved yet.")
    with contextlib.closing(sqlite3.connect(path)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with MinuteBook.open(path) as book:
        assert agenda.get_item_minutes(book, report["item"]) == f"<p>{report['final']}</p>"

"""The promise: at most one second of typing is lost, even to SIGKILL.

A child process types into the real notes editor of the real main window; the test
kills it at a random moment, reopens the book, and checks the file is sound and holds
every character typed more than a second before the kill.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crash_child import words

from minute_taker.domain.suggestions import plain_text
from minute_taker.services import agenda, committees, meetings
from minute_taker.store.book import MinuteBook

HERE = Path(__file__).resolve().parent
ROUNDS = 8
GRACE = 1.0  # seconds of typing the promise allows to be lost



def prepared_book(path: Path) -> int:
    with MinuteBook.open(path, actor="setup") as book:
        committee = committees.create_committee(book, "Panel", standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, "October", dt.date(2017, 10, 31))
        return agenda.add_item(book, meeting.id, "Typed under fire").id


def run_and_kill(book: Path, item_id: int, home: Path, after: float) -> list[tuple[float, int]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MINUTE_TAKER_HOME=str(home))
    child = subprocess.Popen([sys.executable, str(HERE / "crash_child.py"), str(book),
                              str(item_id)], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "READY"
    time.sleep(after)
    killed_at = time.monotonic()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    progress = []
    for line in child.stdout.read().splitlines():
        stamp, count = line.split()
        progress.append((float(stamp), int(count)))
    child.stdout.close()
    return [(stamp - killed_at, count) for stamp, count in progress]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_while_typing_loses_at_most_a_second(tmp_path: Path) -> None:
    book = tmp_path / "crash.minutebook"
    item_id = prepared_book(book)
    typed_text = words()
    chance = random.Random(20171031)
    kept_total = 0
    for round_number in range(ROUNDS):
        progress = run_and_kill(book, item_id, tmp_path / f"home{round_number}",
                                after=chance.uniform(1.5, 3.5))
        with contextlib.closing(sqlite3.connect(book)) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        with MinuteBook.open(book, actor="check") as reopened:
            stored = plain_text(agenda.get_item_minutes(reopened, item_id))
            agenda.set_item_minutes(reopened, item_id, "")  # the next round starts afresh
        owed = max((count for offset, count in progress if offset <= -GRACE), default=0)
        assert owed > 0, "the child typed for less than a second: the test proves nothing"
        assert typed_text.startswith(stored.rstrip()), "stored text is not what was typed"
        assert len(stored) >= owed - 1, (
            f"round {round_number}: {owed} characters were typed more than {GRACE} s before "
            f"the kill, only {len(stored)} were in the book")
        kept_total += len(stored)
    assert kept_total > 0

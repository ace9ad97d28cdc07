"""Large items: up to NOTES_LIMIT_BYTES the one-second promise holds; above it the app
says so once, keeps every word and lets the clerk type on."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crash_child import words
from large_notes import notes_of_size
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from minute_taker.domain.limits import NOTES_LIMIT_BYTES, notes_size
from minute_taker.domain.suggestions import plain_text
from minute_taker.services import agenda, committees, meetings
from minute_taker.store.book import MinuteBook

HERE = Path(__file__).resolve().parent
GRACE = 1.0  # seconds of typing the promise allows to be lost
JUST_UNDER = notes_of_size(NOTES_LIMIT_BYTES - 10_000)  # a few seconds' typing stays under


def prepared_book(path: Path, notes: str) -> tuple[int, int]:
    """A meeting whose first item holds ``notes``; the second is empty."""
    with MinuteBook.open(path, actor="setup") as book:
        committee = committees.create_committee(book, "Panel", standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, "October", dt.date(2017, 10, 31))
        large = agenda.add_item(book, meeting.id, "Everything at once").id
        small = agenda.add_item(book, meeting.id, "Any other business").id
        agenda.set_item_minutes(book, large, notes)
        return large, small


def kill_after_save(book: Path, item_id: int, home: Path, saves: int) -> list[tuple[float, int]]:
    """Let the child type until its ``saves``-th autosave, then kill it just over a second
    later: the words typed straight after that save are owed, and only a save that ended
    within the second holds them."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MINUTE_TAKER_HOME=str(home))
    child = subprocess.Popen([sys.executable, str(HERE / "large_child.py"), str(book),
                              str(item_id)], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "READY"
    lines, seen = [], 0
    while seen < saves:
        line = child.stdout.readline()
        assert line, "the child stopped before saving"
        if line.startswith("SAVED"):
            seen += 1
            saved_at = float(line.split()[1])
        else:
            lines.append(line)
    time.sleep(max(0.0, saved_at + GRACE + 0.05 - time.monotonic()))
    killed_at = time.monotonic()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    lines += child.stdout.read().splitlines()
    child.stdout.close()
    progress = []
    for line in lines:
        stamp, count = line.split()
        if stamp != "SAVED":
            progress.append((float(stamp) - killed_at, int(count)))
    return progress


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_an_item_just_under_the_limit_loses_at_most_a_second(tmp_path: Path) -> None:
    book = tmp_path / "large.minutebook"
    item_id, _ = prepared_book(book, JUST_UNDER)
    before = plain_text(JUST_UNDER)
    typed_text = words()
    for round_number, saves in enumerate((2, 3)):
        progress = kill_after_save(book, item_id, tmp_path / f"home{round_number}", saves)
        with contextlib.closing(sqlite3.connect(book)) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        with MinuteBook.open(book, actor="check") as reopened:
            stored_html = agenda.get_item_minutes(reopened, item_id)
            agenda.set_item_minutes(reopened, item_id, JUST_UNDER)  # the next round afresh
        assert notes_size(stored_html) <= NOTES_LIMIT_BYTES, "the item grew over the limit"
        stored = plain_text(stored_html)
        assert stored.startswith(before), "the text already there was changed"
        typed = stored[len(before):]
        owed = max((count for offset, count in progress if offset <= -GRACE), default=0)
        assert owed > 0, "the child typed for less than a second: the test proves nothing"
        assert typed_text.startswith(typed.rstrip()), "stored text is not what was typed"
        assert len(typed) >= owed - 1, (
            f"round {round_number}: {owed} characters were typed more than {GRACE} s before "
            f"the kill, only {len(typed)} were in the book")


def _stored(window) -> str:  # type: ignore[no-untyped-def]
    return str(agenda.get_item_minutes(window.context.book, window.context.current_item_id))


def test_typing_past_the_limit_warns_once_and_saves_every_word(
        qtbot, open_window, book_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    notes = notes_of_size(NOTES_LIMIT_BYTES - 200)
    large, small = prepared_book(book_path, notes)
    window = open_window(book_path)
    window.agenda.select(large)
    editor, warning = window.notes.editor, window.notes.large_warning
    editor.setFocus()
    assert not warning.isVisible()
    caplog.set_level(logging.WARNING)
    qtbot.keyClicks(editor, "".join(f"over{i} " for i in range(60)))  # about 400 bytes
    qtbot.waitUntil(lambda: "over59" in _stored(window), timeout=5000)
    assert notes_size(_stored(window)) > NOTES_LIMIT_BYTES
    assert warning.isVisible()
    assert "very large" in warning.text() and "sub-items" in warning.text()
    # Typing goes on, is saved, and the warning is not repeated: not after more saves,
    # nor on coming back to the item.
    qtbot.keyClicks(editor, "still typing ")
    qtbot.waitUntil(lambda: "still typing" in _stored(window), timeout=5000)
    window.agenda.select(small)
    assert not warning.isVisible()
    window.agenda.select(large)
    assert not warning.isVisible()
    editor.setFocus()
    qtbot.keyClicks(editor, "and on")
    window.context.autosave.flush()
    assert plain_text(_stored(window)).endswith("over59 still typing and on")
    assert sum("over the" in r.getMessage() for r in caplog.records) == 1
    assert plain_text(_stored(window)).startswith(plain_text(notes))


def test_pasting_a_huge_text_warns_and_keeps_it(qtbot, open_window, book_path: Path) -> None:
    _, small = prepared_book(book_path, "")
    window = open_window(book_path)
    window.agenda.select(small)
    editor, warning = window.notes.editor, window.notes.large_warning
    editor.setFocus()
    lines = [f"Line {n}: the whole of a report pasted into the minutes." for n in range(30_000)]
    QApplication.clipboard().setText("\n".join(lines))
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Line 29999:" in _stored(window), timeout=10_000)
    assert warning.isVisible()
    qtbot.keyClicks(editor, " typed after")
    window.context.autosave.flush()
    stored = plain_text(_stored(window))
    assert stored.startswith(lines[0])
    assert stored.endswith(f"{lines[-1]} typed after")
    assert stored.count("\n") == len(lines) - 1

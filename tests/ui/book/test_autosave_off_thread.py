"""The notes are written on the autosave's worker thread, so typing goes on while SQLite
writes; nothing is lost or written out of order for it, and a flush still leaves every
word in the book."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from minute_taker.domain.errors import MinuteTakerError
from minute_taker.services import agenda, interchange
from minute_taker.store.book import MinuteBook
from minute_taker.ui.book import autosave
from minute_taker.ui.book.autosave import AutosaveScheduler

WAIT_MS = 5000


class Gate:
    """A job that records where it ran and waits until the test lets it finish."""

    def __init__(self, value: str, written: list[str]) -> None:
        self.value = value
        self.written = written
        self.started = threading.Event()
        self.release = threading.Event()
        self.thread: int | None = None

    def __call__(self) -> str:
        self.thread = threading.get_ident()
        self.started.set()
        assert self.release.wait(WAIT_MS / 1000)
        self.written.append(self.value)
        return self.value


def writing_then_typed(qtbot, scheduler: AutosaveScheduler, first: str,  # type: ignore[no-untyped-def]
                       then: str, written: list[str]) -> tuple[Gate, Gate]:
    """A write of ``first`` held on the worker, and ``then`` typed while it is written
    (its write free to finish)."""
    held = Gate(first, written)
    scheduler.schedule_off_thread("notes", lambda: held)
    qtbot.waitUntil(held.started.is_set, timeout=WAIT_MS)
    typed = Gate(then, written)
    typed.release.set()
    scheduler.schedule_off_thread("notes", lambda: typed)
    return held, typed


@pytest.fixture
def scheduler(qtbot) -> AutosaveScheduler:  # type: ignore[no-untyped-def]
    made = AutosaveScheduler()
    yield made
    made.discard()


def test_a_due_write_runs_on_the_worker_while_the_gui_thread_goes_on(
        qtbot, scheduler: AutosaveScheduler) -> None:
    written: list[str] = []
    gate = Gate("first words", written)
    after: list[tuple[str, int]] = []
    scheduler.schedule_off_thread(
        "notes", lambda: gate,
        lambda result: after.append((result, threading.get_ident())))
    qtbot.waitUntil(gate.started.is_set, timeout=WAIT_MS)
    assert gate.thread != threading.get_ident()
    # The GUI thread is free while the worker writes: its timers still fire.
    ticked: list[bool] = []
    QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked), timeout=WAIT_MS)
    assert scheduler.has_pending and not written  # not written yet, so still owed
    with qtbot.waitSignal(scheduler.saved, timeout=WAIT_MS):
        gate.release.set()
    assert written == ["first words"]
    assert after == [("first words", threading.get_ident())]
    assert not scheduler.has_pending


def test_flush_waits_for_the_worker_then_writes_what_was_typed_meanwhile(
        qtbot, scheduler: AutosaveScheduler) -> None:
    written: list[str] = []
    first, newer = writing_then_typed(qtbot, scheduler, "before", "after", written)
    threading.Timer(0.2, first.release.set).start()
    assert scheduler.flush()
    assert written == ["before", "after"]  # in the order typed, the newer one last
    assert newer.thread == threading.get_ident()  # a flush writes here
    assert not scheduler.has_pending


def test_typing_during_a_write_is_written_after_it(
        qtbot, scheduler: AutosaveScheduler) -> None:
    written: list[str] = []
    first, second = writing_then_typed(qtbot, scheduler, "one", "two", written)
    # Both timers run out while the worker is still on the first write.
    qtbot.wait(autosave.MAX_DELAY_MS + 100)
    assert written == []
    first.release.set()
    qtbot.waitUntil(lambda: written == ["one", "two"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not scheduler.has_pending, timeout=WAIT_MS)
    assert second.thread not in (None, threading.get_ident())


def test_a_write_the_book_refuses_stays_pending_and_is_tried_again(
        qtbot, scheduler: AutosaveScheduler, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(autosave, "RETRY_MS", 200)
    attempts: list[int] = []

    def job() -> str:
        attempts.append(threading.get_ident())
        if len(attempts) == 1:
            raise MinuteTakerError("The disk holding test.minutebook is full.")
        return "written"

    with qtbot.waitSignal(scheduler.failed, timeout=WAIT_MS) as failed:
        scheduler.schedule_off_thread("notes", lambda: job)
    assert failed.args == ["The disk holding test.minutebook is full."]
    assert scheduler.has_pending and scheduler.last_error
    qtbot.waitUntil(lambda: not scheduler.has_pending, timeout=WAIT_MS)
    assert len(attempts) == 2 and scheduler.last_error is None


def test_a_bug_in_a_write_reaches_the_gui_thread_and_keeps_the_words(
        qtbot, scheduler: AutosaveScheduler) -> None:
    def job() -> None:
        raise ValueError("a bug, not the book")

    with qtbot.captureExceptions() as raised:
        scheduler.schedule_off_thread("notes", lambda: job)
        qtbot.waitUntil(lambda: bool(raised), timeout=WAIT_MS)
    assert isinstance(raised[0][1], ValueError)
    assert scheduler.has_pending  # the words are still owed


def test_notes_typed_in_the_window_are_written_off_the_gui_thread(
        qtbot, open_window, book_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with MinuteBook.open(book_path) as book:
        interchange.load_demo(book)
    window = open_window(book_path, claim=True)
    item_id = window.context.current_item_id
    threads: list[int] = []
    real = agenda.set_item_minutes

    def recording(book: MinuteBook, item: int, html: str, *,
                  expected_version: int | None = None) -> int:
        threads.append(threading.get_ident())
        return real(book, item, html, expected_version=expected_version)

    monkeypatch.setattr(agenda, "set_item_minutes", recording)
    window.notes.editor.setFocus()
    qtbot.waitUntil(window.notes.editor.hasFocus)
    with qtbot.waitSignal(window.context.autosave.saved, timeout=WAIT_MS):
        qtbot.keyClicks(window.notes.editor, "The DCC will report in March.")
    assert threads and all(thread != threading.get_ident() for thread in threads)
    with MinuteBook.open(book_path) as reader:
        assert "The DCC will report in March." in agenda.get_item_minutes(reader, item_id)

"""The Search pane searches on a thread of its own (issue 20): typing in the query box
never waits for a search; of the searches asked for while one runs only the last is
run, and only the newest one's results are shown; Down pressed before they arrive goes
to them when they do, unless the clerk typed on; a search of a book since closed is
dropped; one the book refuses says why in the status bar, never a dialog."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_keys import key

from minute_taker.services import search as search_service
from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import BookError


class HeldSearches:
    """``search_service.search`` held on the worker until the test lets each go."""

    def __init__(self) -> None:
        self.asked: list[str] = []  # the queries run, in order
        self.let_go = 0
        self.go = threading.Semaphore(0)
        self.fail_with: Exception | None = None
        self.real: Callable[..., Any] = search_service.search

    def __call__(self, book: Any, query: str, **filters: Any) -> Any:
        self.asked.append(query)
        if not self.go.acquire(timeout=10):
            raise AssertionError("the test never let the search go")
        if self.fail_with is not None:
            raise self.fail_with
        return self.real(book, query, **filters)

    def let_one_go(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        """Once the next search has started (the window's events go on meanwhile)."""
        qtbot.waitUntil(lambda: len(self.asked) > self.let_go)
        self.let_go += 1
        self.go.release()


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldSearches]:
    searches = HeldSearches()
    monkeypatch.setattr(search_service, "search", searches)
    yield searches
    for _ in range(5):  # nothing left waiting on the worker when the test ends
        searches.go.release()


def open_search(qtbot, open_window, demo_path: Path):  # type: ignore[no-untyped-def]
    window = open_window(demo_path)
    window.notes.editor.setFocus()
    key(qtbot, window.notes.editor, "Ctrl+Shift+F")
    pane = window.search_pane
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pane.query)
    return window, pane


def test_typing_never_waits_and_only_the_last_query_is_run_and_shown(
        qtbot, open_window, demo_path: Path, held: HeldSearches) -> None:  # type: ignore[no-untyped-def]
    window, pane = open_search(qtbot, open_window, demo_path)
    qtbot.keyClicks(pane.query, "D")
    qtbot.waitUntil(lambda: held.asked == ["D"])  # running, held on the worker
    qtbot.keyClicks(pane.query, "CC")  # typed while it runs: the box takes every key
    assert pane.query.text() == "DCC"
    qtbot.waitUntil(lambda: not pane._timer.isActive())
    qtbot.keyClick(pane.query, Qt.Key.Key_Backspace)
    qtbot.keyClicks(pane.query, "C")
    qtbot.waitUntil(lambda: not pane._timer.isActive())
    assert pane.busy and held.asked == ["D"]
    assert not pane.searched  # nothing shown yet

    held.let_one_go(qtbot)  # "D" lands: not shown, the newest is run
    held.let_one_go(qtbot)
    qtbot.waitUntil(lambda: not pane.busy)
    assert held.asked == ["D", "DCC"]  # "DC" and the first "DCC" were never run
    assert pane.searched and pane.model.hit_count() > 0
    assert "found in 1 meeting" in pane.summary.text()
    assert QApplication.focusWidget() is pane.query


def test_down_before_the_results_goes_to_them_when_they_come(
        qtbot, open_window, demo_path: Path, held: HeldSearches) -> None:  # type: ignore[no-untyped-def]
    window, pane = open_search(qtbot, open_window, demo_path)
    qtbot.keyClicks(pane.query, "DCC")
    qtbot.keyClick(pane.query, Qt.Key.Key_Down)  # at once: the search is asked for now
    assert held.asked == ["DCC"] and QApplication.focusWidget() is pane.query
    held.let_one_go(qtbot)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pane.results)
    assert pane.model.hit(pane.results.currentIndex()) is not None

    # Down, then more typed before the results came: the keyboard stays in the box.
    key(qtbot, pane.results, "Alt+L")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pane.query)
    qtbot.keyClick(pane.query, Qt.Key.Key_End)
    qtbot.keyClicks(pane.query, " briefing")
    qtbot.keyClick(pane.query, Qt.Key.Key_Down)
    qtbot.keyClicks(pane.query, "s")
    held.let_one_go(qtbot)
    held.let_one_go(qtbot)
    qtbot.waitUntil(lambda: not pane.busy)
    assert held.asked[-1] == "DCC briefings"
    assert QApplication.focusWidget() is pane.query


def test_a_search_of_a_book_since_closed_is_dropped(
        qtbot, open_window, demo_path: Path, tmp_path: Path, held: HeldSearches) -> None:  # type: ignore[no-untyped-def]
    window, pane = open_search(qtbot, open_window, demo_path)
    qtbot.keyClicks(pane.query, "DCC")
    qtbot.waitUntil(lambda: held.asked == ["DCC"])
    old_book = window.context.book
    window.books.use_book(MinuteBook.open(tmp_path / "another.minutebook", actor="Jackie Irvin"))
    qtbot.waitUntil(lambda: window.context.book is not old_book)
    held.let_one_go(qtbot)
    qtbot.waitUntil(lambda: not pane.busy)
    assert not pane.searched and pane.model.hit_count() == 0


def test_a_search_the_book_refuses_says_why_without_a_dialog(
        qtbot, open_window, demo_path: Path, held: HeldSearches) -> None:  # type: ignore[no-untyped-def]
    window, pane = open_search(qtbot, open_window, demo_path)
    held.fail_with = BookError("The minute book could not be read: disk I/O error.")
    qtbot.keyClicks(pane.query, "DCC")
    held.let_one_go(qtbot)
    qtbot.waitUntil(lambda: not pane.busy)
    assert "could not be read" in window.statusBar().currentMessage()
    assert pane.summary.text() == "Nothing found."
    assert QApplication.activeModalWidget() is None
    assert QApplication.focusWidget() is pane.query


def test_results_are_laid_out_as_they_come_into_view_not_all_at_once(
        qtbot, open_window, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Each row's height is a rich-text layout: measuring all 200 of a common word's
    results held the window 40-90 ms; the rows in view are measured as they are shown."""
    import datetime as dt

    from minute_taker.domain.records import SearchHit
    from minute_taker.ui.search.pane import RichTextDelegate

    window, pane = open_search(qtbot, open_window, demo_path)
    hits = [SearchHit(meeting_id=n // 20, meeting_date=dt.date(2017, 1, 1) + dt.timedelta(n // 20),
                      meeting_title=f"Meeting {n // 20}", committee="Panel", item_id=n,
                      item_number=str(n % 20 + 1), item_title=f"Item {n}", kind="notes",
                      source_id=n, snippet=f"\u2026the DCC reported on case {n} at length\u2026",
                      rank=-1.0)
            for n in range(200)]
    measured: list[int] = []
    real = RichTextDelegate.sizeHint
    monkeypatch.setattr(RichTextDelegate, "sizeHint",
                        lambda self, option, index: measured.append(1) or real(self, option, index))
    pane.model.set_hits(hits)
    pane.results.viewport().repaint()
    qtbot.wait(20)
    assert pane.model.hit_count() == 200
    assert 0 < len(measured) < 120  # the rows in view (and a few more), not the 210 rows
    qtbot.keyClick(pane.query, Qt.Key.Key_Down)  # the keys still reach every row
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pane.results)
    qtbot.keyClick(pane.results, Qt.Key.Key_End)
    assert pane.model.hit(pane.results.currentIndex()) == hits[-1]

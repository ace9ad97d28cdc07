"""The Search pane driven by the keys a clerk presses (issue 20): Ctrl+Shift+F, typing,
Down and Enter to a result, F3 / Shift+F3 in the notes, Escape back; filters by their
Alt+letters; hostile queries; words just typed and autosaved are found."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_keys import key

from minute_taker.domain.workflow import Transition
from minute_taker.services import agenda, meetings
from minute_taker.store.book import MinuteBook

WORD = "zeppelin"
NOVEMBER_NOTES = (f"<p>The DCC reported on the {WORD} trial over Worcester.</p>"
                  f"<p>Members asked about the {WORD} budget.</p>"
                  f"<p>A second {WORD} was not agreed.</p>")


def add_november(path: Path, *, approve: bool = False) -> dict[str, int]:
    """A second meeting, a month after the demo's, whose notes say WORD three times; and
    WORD once in the demo meeting's item 2, so that both meetings are found."""
    with MinuteBook.open(path, actor="Jackie Irvin") as book:
        october = meetings.list_meetings(book)[0]
        header = meetings.create_meeting(book, october.committee_id,
                                         "Monthly Assurance Meeting \u2013 November 2017",
                                         dt.date(2017, 11, 28), with_standing_items=False)
        first = agenda.add_item(book, header.id, "Apologies")
        airships = agenda.add_item(book, header.id, "Aerial surveillance", after_id=first.id)
        agenda.set_item_minutes(book, airships.id, NOVEMBER_NOTES)
        item_2 = next(n for n in agenda.list_items(book, october.id) if n.number == "2")
        agenda.set_item_minutes(book, item_2.id, f"<p>An early {WORD} idea was noted.</p>")
        if approve:
            for transition in (Transition.SEND_FOR_REVIEW, Transition.APPROVE):
                meetings.change_status(book, header.id, transition)
        return {"october": october.id, "november": header.id, "airships": airships.id,
                "first": first.id, "item_2": item_2.id}


def open_at(open_window, path: Path, meeting_id: int, item_id: int):  # type: ignore[no-untyped-def]
    window = open_window(path)
    window.context.open_meeting(meeting_id)
    window.agenda.select(item_id)
    window.notes.editor.setFocus()
    return window


def focus(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def search_for(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    pane = window.search_pane
    key(qtbot, QApplication.focusWidget(), "Ctrl+Shift+F")
    focus(qtbot, pane.query)
    qtbot.keyClick(pane.query, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pane.query, Qt.Key.Key_Backspace)
    qtbot.keyClicks(pane.query, text)
    qtbot.waitUntil(lambda: pane.searched and not pane.busy
                    and pane.query.text() == text and pane.terms is not None)
    qtbot.wait(10)


def selection(window) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    cursor = window.notes.editor.textCursor()
    return cursor.selectedText(), cursor.selectionStart()


@pytest.mark.parametrize("approved", [False, True])
def test_search_open_find_next_and_back(qtbot, open_window, demo_path: Path,  # type: ignore[no-untyped-def]
                                        approved: bool) -> None:
    ids = add_november(demo_path, approve=approved)
    window = open_at(open_window, demo_path, ids["november"], ids["first"])
    editor, pane = window.notes.editor, window.search_pane
    focus(qtbot, editor)
    assert window.search_dock.isHidden()

    key(qtbot, editor, "Ctrl+Shift+F")
    focus(qtbot, pane.query)
    assert window.search_dock.isVisible()
    qtbot.keyClicks(pane.query, WORD)
    qtbot.waitUntil(lambda: len(pane.model.groups) == 2)
    # Newest meeting first, each hit under its meeting.
    assert [g.meeting_id for g in pane.model.groups] == [ids["november"], ids["october"]]
    assert [h.item_id for h in pane.model.groups[0].hits] == [ids["airships"]]
    assert "2 found in 2 meetings" in pane.summary.text()
    assert window.context.meeting_id == ids["november"]  # searching moves nothing
    assert window.context.current_item_id == ids["first"]

    # To the October meeting's hit, from the keyboard, and open it there.
    qtbot.keyClick(pane.query, Qt.Key.Key_Down)
    focus(qtbot, pane.results)
    assert pane.model.hit(pane.results.currentIndex()).item_id == ids["airships"]
    qtbot.keyClick(pane.results, Qt.Key.Key_Down)  # the October meeting's row
    qtbot.keyClick(pane.results, Qt.Key.Key_Down)  # its hit
    assert pane.model.hit(pane.results.currentIndex()).item_id == ids["item_2"]
    qtbot.keyClick(pane.results, Qt.Key.Key_Return)
    focus(qtbot, editor)
    assert window.context.meeting_id == ids["october"]
    assert window.context.current_item_id == ids["item_2"]
    assert selection(window)[0] == WORD

    # Back to the November hit; the first of its three matches is selected. The results
    # kept their place; Home goes to the top (the meeting's row), Enter to its first hit.
    key(qtbot, editor, "Ctrl+Shift+F")
    focus(qtbot, pane.query)
    qtbot.keyClick(pane.query, Qt.Key.Key_Down)
    focus(qtbot, pane.results)
    assert pane.model.hit(pane.results.currentIndex()).item_id == ids["item_2"]
    qtbot.keyClick(pane.results, Qt.Key.Key_Home)
    assert pane.model.hit(pane.results.currentIndex()) is None
    qtbot.keyClick(pane.results, Qt.Key.Key_Return)
    assert pane.model.hit(pane.results.currentIndex()).item_id == ids["airships"]
    assert window.context.meeting_id == ids["october"]
    qtbot.keyClick(pane.results, Qt.Key.Key_Return)
    focus(qtbot, editor)
    assert (window.context.meeting_id, window.context.current_item_id) == (
        ids["november"], ids["airships"])
    assert editor.isReadOnly() is approved
    text = editor.toPlainText()
    starts = [i for i in range(len(text)) if text.startswith(WORD, i)]
    assert len(starts) == 3
    assert selection(window) == (WORD, starts[0])

    # F3: the next match, and round again; Shift+F3 back.
    key(qtbot, editor, "F3")
    assert selection(window) == (WORD, starts[1])
    key(qtbot, editor, "F3")
    assert selection(window) == (WORD, starts[2])
    key(qtbot, editor, "F3")
    assert selection(window) == (WORD, starts[0])
    key(qtbot, editor, "Shift+F3")
    assert selection(window) == (WORD, starts[2])
    assert QApplication.focusWidget() is editor
    assert window.context.current_item_id == ids["airships"]

    # Escape in the pane: it goes, and the keyboard is back in the notes.
    key(qtbot, editor, "Ctrl+Shift+F")
    focus(qtbot, pane.query)
    qtbot.keyClick(pane.query, Qt.Key.Key_Escape)
    focus(qtbot, editor)
    assert window.search_dock.isHidden()
    assert window.context.current_item_id == ids["airships"]


def test_escape_returns_to_the_agenda_tree(qtbot, open_window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = add_november(demo_path)
    window = open_at(open_window, demo_path, ids["november"], ids["first"])
    tree = window.agenda.tree
    tree.setFocus()
    focus(qtbot, tree)
    key(qtbot, tree, "Ctrl+Shift+F")
    focus(qtbot, window.search_pane.query)
    qtbot.keyClicks(window.search_pane.query, WORD)
    qtbot.keyClick(window.search_pane.query, Qt.Key.Key_Down)
    results = window.search_pane.results
    focus(qtbot, results)
    qtbot.keyClick(results, Qt.Key.Key_Up)  # to the meeting's row
    assert results.hasFocus() and window.search_pane.model.hit(results.currentIndex()) is None
    qtbot.keyClick(results, Qt.Key.Key_Up)  # and back up into the box
    focus(qtbot, window.search_pane.query)
    qtbot.keyClick(window.search_pane.query, Qt.Key.Key_Down)
    focus(qtbot, results)
    qtbot.keyClick(results, Qt.Key.Key_Escape)
    focus(qtbot, tree)
    assert window.search_dock.isHidden()
    assert window.context.current_item_id == ids["first"]


def test_f3_before_any_search_says_so(qtbot, open_window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = add_november(demo_path)
    window = open_at(open_window, demo_path, ids["november"], ids["airships"])
    editor = window.notes.editor
    focus(qtbot, editor)
    before = editor.textCursor().position()
    key(qtbot, editor, "F3")
    assert "Nothing searched for yet" in window.statusBar().currentMessage()
    assert editor.textCursor().position() == before and not editor.textCursor().hasSelection()
    assert QApplication.focusWidget() is editor


def test_kind_filter_narrows_by_its_letter(qtbot, open_window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(demo_path)
    pane = window.search_pane
    window.notes.editor.setFocus()
    search_for(qtbot, window, "DCC")
    everything = pane.model.hit_count()
    kinds = {h.kind for g in pane.model.groups for h in g.hits}
    assert {"actions", "agenda", "titles"} <= kinds
    key(qtbot, pane.query, "Alt+K")
    focus(qtbot, pane.kind)
    for _ in range(1 + list(pane.kind.itemData(i) for i in range(1, pane.kind.count()))
                   .index("actions")):
        qtbot.keyClick(pane.kind, Qt.Key.Key_Down)
    assert pane.kind.currentData() == "actions"
    qtbot.waitUntil(lambda: not pane.busy)
    narrowed = [h.kind for g in pane.model.groups for h in g.hits]
    assert narrowed and set(narrowed) == {"actions"}
    assert len(narrowed) < everything
    # Each field by its letter; the owner narrows again.
    key(qtbot, pane.kind, "Alt+W")
    focus(qtbot, pane.owner)
    key(qtbot, pane.owner, "Alt+S")
    focus(qtbot, pane.status)
    key(qtbot, pane.status, "Alt+O")
    focus(qtbot, pane.committee)
    key(qtbot, pane.committee, "Alt+D")
    focus(qtbot, pane.date_from)
    key(qtbot, pane.date_from, "Alt+T")
    focus(qtbot, pane.date_to)
    key(qtbot, pane.date_to, "Alt+R")
    focus(qtbot, pane.results)
    key(qtbot, pane.results, "Alt+L")
    focus(qtbot, pane.query)
    assert window.context.meeting_id is not None


@pytest.mark.parametrize("query", ['"unbalanced', "NEAR(", "-", "*", "AND OR NOT",
                                   "kind:", "owner:", '")(^{}:', "before:soon"])
def test_hostile_queries_show_no_error(qtbot, open_window, demo_path: Path, query: str) -> None:  # type: ignore[no-untyped-def]
    window = open_window(demo_path)  # a message box would fail the test (conftest)
    window.notes.editor.setFocus()
    search_for(qtbot, window, query)
    assert window.search_pane.summary.text()
    assert QApplication.activeModalWidget() is None
    assert QApplication.focusWidget() is window.search_pane.query


def test_words_just_typed_are_found_once_saved(qtbot, open_window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = add_november(demo_path)
    window = open_at(open_window, demo_path, ids["november"], ids["first"])
    editor, pane = window.notes.editor, window.search_pane
    focus(qtbot, editor)
    qtbot.keyClicks(editor, "Apologies from the quokka warden.")
    window.context.autosave.flush()
    search_for(qtbot, window, "quokka")
    hits = [h for g in pane.model.groups for h in g.hits]
    assert [(h.item_id, h.kind) for h in hits] == [(ids["first"], "notes")]
    window.context.open_meeting(ids["october"])  # elsewhere, then back by Enter
    key(qtbot, pane.query, "Ctrl+Shift+F")
    focus(qtbot, pane.query)
    qtbot.keyClick(pane.query, Qt.Key.Key_Return)
    focus(qtbot, pane.results)
    qtbot.keyClick(pane.results, Qt.Key.Key_Return)
    focus(qtbot, editor)
    assert (window.context.meeting_id, window.context.current_item_id) == (
        ids["november"], ids["first"])
    assert selection(window)[0] == "quokka"


def test_results_model(qtmodeltester, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from minute_taker.services.search import search
    from minute_taker.ui.search.qt_search_model import SearchResultsModel

    add_november(demo_path)
    model = SearchResultsModel()
    with MinuteBook.open(demo_path, actor="Test") as book:
        model.set_hits(search(book, f"{WORD} OR DCC"))
        model.set_hits(search(book, "DCC"))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2

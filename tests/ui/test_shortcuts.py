"""Shortcuts that reach the app everywhere, and that the clerk can change (issue 13,
slip 3). Every key is a real key event into whatever has the focus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget
from ui_windows import review_window

from minute_taker.services import agenda, committees, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.ui.book.settings import saved_shortcuts
from minute_taker.ui.shortcuts import (
    SHORTCUTS,
    default_keys,
    plain_text,
    taken_by,
    typing_key,
)

TITLES = ("Apologies", "Reports", "Any other business")


def seed(path: Path) -> None:
    with MinuteBook.open(path) as book:
        committee = committees.create_committee(book, "Panel", standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, "Panel", dt.date.today())
        for title in TITLES:
            agenda.add_item(book, meeting.id, title)


def press(qtbot, sequence: str | QKeySequence) -> None:  # type: ignore[no-untyped-def]
    combo = QKeySequence(sequence)[0]
    focus = QApplication.focusWidget()
    assert focus is not None, "nothing has the keyboard focus"
    qtbot.keyClick(focus, combo.key(), combo.keyboardModifiers())


def outline(window) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(number, title) of each item, in agenda order."""
    book, meeting_id = window.context.book, window.context.meeting_id
    return [(i.number, i.title) for i in agenda.list_items(book, meeting_id)]


def go_to(window, title: str) -> None:  # type: ignore[no-untyped-def]
    item = next(i for i in agenda.list_items(window.context.book, window.context.meeting_id)
                if i.title == title)
    window.agenda.select(item.id)


# -- the defaults -------------------------------------------------------------------------
def test_the_old_keys_are_known_to_be_taken(qapp) -> None:  # type: ignore[no-untyped-def]
    for old in ("Alt+Shift+Right", "Alt+Shift+Left", "Alt+Shift+Up", "Alt+Shift+Down",
                "Ctrl+Alt+I", "Ctrl+Alt+O", "Ctrl+Alt+A", "Ctrl+Alt+R", "Ctrl+Alt+L"):
        assert taken_by(QKeySequence(old)) is not None, old


@pytest.mark.parametrize("action_id", list(SHORTCUTS))
def test_no_default_key_is_taken_by_a_desktop_or_altgr(qapp, action_id: str) -> None:  # type: ignore[no-untyped-def]
    """(Standard keys are read from the platform, which needs the application.)"""
    for keys in default_keys(action_id):
        assert taken_by(keys) is None, (action_id, keys.toString())
        assert not typing_key(keys), (action_id, keys.toString())


def scopes(thing: QAction | QShortcut, window: QWidget) -> tuple[list[QWidget], bool]:
    """Where a key is live: (widgets, and whether their children too)."""
    context = thing.shortcutContext() if isinstance(thing, QAction) else thing.context()
    if context in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut):
        return [window], True
    if isinstance(thing, QShortcut):
        parent = thing.parentWidget()
        widgets = [parent] if parent is not None else []
    else:
        widgets = [w for w in thing.associatedObjects() if isinstance(w, QWidget)
                   and w.window() is window]
    return widgets, context == Qt.ShortcutContext.WidgetWithChildrenShortcut


def overlap(one: tuple[list[QWidget], bool], other: tuple[list[QWidget], bool]) -> bool:
    for a in one[0]:
        for b in other[0]:
            if a is b or (one[1] and a.isAncestorOf(b)) or (other[1] and b.isAncestorOf(a)):
                return True
    return False


def assert_no_shared_keys(window: QWidget) -> None:
    things: list[QAction | QShortcut] = [
        *(a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()),
        *window.findChildren(QShortcut)]
    bound = [(thing, keys, scopes(thing, window))
             for thing in things
             for keys in (thing.shortcuts() if isinstance(thing, QAction) else thing.keys())]
    bound = [b for b in bound if b[2][0]]  # live in this window
    clashes = [(a.objectName() or a.text(), b.objectName() or b.text(), keys.toString())
               for n, (a, keys, where) in enumerate(bound)
               for b, other_keys, other_where in bound[n + 1:]
               if a is not b and keys == other_keys and overlap(where, other_where)]
    assert clashes == []


def test_every_key_of_the_main_window_is_in_the_table_and_used_once(
        open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(book_path)
    window = open_window(book_path)
    assert_no_shared_keys(window)
    unnamed = [a.text() for a in window.findChildren(QAction)
               if not a.shortcut().isEmpty() and a.shortcutContext()
               != Qt.ShortcutContext.WidgetShortcut and a.objectName() not in SHORTCUTS]
    assert unnamed == []
    named = {a.objectName(): a for a in window.findChildren(QAction)}
    assert set(SHORTCUTS) <= set(named)  # every id in the table is an action of the window
    for action_id, row in SHORTCUTS.items():  # and the table's label is the action's
        assert plain_text(named[action_id].text()).startswith(row.label), action_id


def test_no_key_is_used_twice_in_the_review_window(  # type: ignore[no-untyped-def]
        qtbot, demo_path: Path, tmp_path: Path) -> None:
    assert_no_shared_keys(review_window(qtbot, demo_path, tmp_path))
    assert taken_by(QKeySequence("Ctrl+Alt+A")) is not None  # this module is the new one


# -- the new keys, from the notes and from the tree ---------------------------------------
@pytest.mark.parametrize("start_in", ["notes", "tree"])
def test_agenda_keys_move_the_item_from_notes_and_tree(
        qtbot, open_window, book_path: Path, start_in: str) -> None:  # type: ignore[no-untyped-def]
    seed(book_path)
    window = open_window(book_path)
    go_to(window, "Reports")
    (window.notes.editor if start_in == "notes" else window.agenda.tree).setFocus()
    texts_before = window.notes.editor.toPlainText()

    press(qtbot, "Ctrl+Shift+I")  # indent
    assert outline(window) == [("1", "Apologies"), ("1.1", "Reports"),
                               ("2", "Any other business")]
    press(qtbot, "Ctrl+Shift+O")  # outdent
    assert outline(window) == [("1", "Apologies"), ("2", "Reports"),
                               ("3", "Any other business")]
    press(qtbot, "Ctrl+Shift+PgDown")  # move down
    assert [t for _, t in outline(window)] == ["Apologies", "Any other business", "Reports"]
    press(qtbot, "Ctrl+Shift+PgUp")  # move up
    press(qtbot, "Ctrl+Shift+PgUp")
    assert [t for _, t in outline(window)] == ["Reports", "Apologies", "Any other business"]
    assert window.notes.editor.toPlainText() == texts_before  # nothing typed


@pytest.mark.parametrize("start_in", ["notes", "tree"])
def test_arrived_and_left_keys_ask_who(qtbot, open_window, book_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
                                       start_in: str) -> None:
    import minute_taker.ui.main_window as main_window

    asked: list[str] = []
    monkeypatch.setattr(main_window, "ask_and_record_movement",
                        lambda _context, kind, _parent: asked.append(kind))
    seed(book_path)
    window = open_window(book_path)
    (window.notes.editor if start_in == "notes" else window.agenda.tree).setFocus()
    press(qtbot, "F6")
    press(qtbot, "Shift+F6")
    assert asked == ["arrived", "left"]


def test_numbered_list_and_spelling_keys_in_the_notes(qtbot, open_window,  # type: ignore[no-untyped-def]
                                                      book_path: Path) -> None:
    seed(book_path)
    window = open_window(book_path)
    notes = window.notes.editor
    notes.setFocus()
    qtbot.keyClicks(notes, "first")
    press(qtbot, "Ctrl+Shift+7")
    current = notes.textCursor().currentList()
    assert current is not None and current.format().style().name == "ListDecimal"
    assert notes.toPlainText() == "first"
    assert window.notes.spelling_action.shortcut() == QKeySequence("F7")


# -- changing a key in F1 -----------------------------------------------------------------
def open_shortcuts(qtbot, window):  # type: ignore[no-untyped-def]
    from minute_taker.ui.shortcuts_dialog import ShortcutsDialog

    press(qtbot, "F1")
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.table
    return dialog


def choose_row(qtbot, dialog, text: str) -> None:  # type: ignore[no-untyped-def]
    """Down or Up in the list until the row is current, as the clerk would."""
    rows = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    target = rows.index(text)
    while dialog.table.currentRow() != target:
        press(qtbot, "Down" if dialog.table.currentRow() < target else "Up")


def change_key(qtbot, dialog, row: str, keys: str):  # type: ignore[no-untyped-def]
    from minute_taker.ui.shortcuts_dialog import KeyDialog

    choose_row(qtbot, dialog, row)
    press(qtbot, "Return")
    asking = dialog.findChild(KeyDialog)
    assert asking is not None
    qtbot.waitUntil(asking.isActiveWindow)
    assert QApplication.focusWidget() is asking.catcher
    press(qtbot, keys)
    return asking


def close(qtbot, window, dialog) -> None:  # type: ignore[no-untyped-def]
    table = dialog.table
    press(qtbot, "Escape")
    assert not table.isVisible()
    window.activateWindow()  # the window manager's part: the offscreen platform has none
    qtbot.waitUntil(window.isActiveWindow)


def test_a_key_changed_in_f1_works_at_once_and_after_reopening(
        qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(book_path)
    window = open_window(book_path)
    go_to(window, "Reports")
    window.notes.editor.setFocus()
    dialog = open_shortcuts(qtbot, window)
    asking = change_key(qtbot, dialog, "Indent", "Ctrl+Shift+J")
    assert not asking.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table)
    assert dialog.table.item(dialog.table.currentRow(), 1).text() == \
        QKeySequence("Ctrl+Shift+J").toString(QKeySequence.SequenceFormat.NativeText)
    close(qtbot, window, dialog)
    assert QApplication.focusWidget() is window.notes.editor

    press(qtbot, "Ctrl+Shift+I")  # the old key does nothing now
    assert outline(window)[1] == ("2", "Reports")
    press(qtbot, "Ctrl+Shift+J")
    assert outline(window)[1] == ("1.1", "Reports")
    assert saved_shortcuts() == {"agenda.indent": "Ctrl+Shift+J"}
    assert "Ctrl+Shift+J" in window.agenda.agenda_actions["indent"].toolTip()
    window.close()

    again = open_window(book_path)
    go_to(again, "Any other business")
    again.notes.editor.setFocus()
    press(qtbot, "Ctrl+Shift+J")
    assert outline(again)[2] == ("1.2", "Any other business")


def test_a_key_another_action_has_is_refused_and_named(
        qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(book_path)
    window = open_window(book_path)
    window.notes.editor.setFocus()
    dialog = open_shortcuts(qtbot, window)
    asking = change_key(qtbot, dialog, "Indent", "Ctrl+Shift+K")
    assert asking.isVisible()
    assert "Make the line an action" in asking.message.text()
    press(qtbot, "Alt+Shift+Right")  # taken by openbox: refused too, with the reason
    assert asking.isVisible() and "openbox" in asking.message.text()
    press(qtbot, "Escape")
    assert not asking.isVisible()
    indent = window.agenda.agenda_actions["indent"]
    assert indent.shortcut() == QKeySequence("Ctrl+Shift+I")
    assert saved_shortcuts() == {}


def test_reset_to_default(qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(book_path)
    window = open_window(book_path)
    window.notes.editor.setFocus()
    dialog = open_shortcuts(qtbot, window)
    change_key(qtbot, dialog, "Move down", "Ctrl+Shift+J")
    assert saved_shortcuts() == {"agenda.down": "Ctrl+Shift+J"}
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table)
    for _ in range(5):  # Tab along to the button, as the clerk would
        if QApplication.focusWidget() is dialog.reset_button:
            break
        press(qtbot, "Tab")
    press(qtbot, "Space")  # Reset to default
    down = window.agenda.agenda_actions["down"]
    assert down.shortcut() == QKeySequence("Ctrl+Shift+PgDown")
    assert saved_shortcuts() == {}
    assert "Move down" in dialog.message.text()


def test_the_f1_list_shows_every_key_uncut(qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(book_path)
    window = open_window(book_path)
    window.notes.editor.setFocus()
    dialog = open_shortcuts(qtbot, window)
    table = dialog.table
    metrics = table.fontMetrics()
    keys = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert QKeySequence("Ctrl+Shift+Return").toString(
        QKeySequence.SequenceFormat.NativeText) in keys
    for column in (0, 1):
        widest = max(metrics.horizontalAdvance(table.item(r, column).text())
                     for r in range(table.rowCount()))
        assert table.columnWidth(column) > widest, column
    assert table.viewport().width() >= table.columnWidth(0) + table.columnWidth(1) - 1


def test_a_notes_only_key_is_listed_but_not_customised(open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    from minute_taker.ui.shortcuts_dialog import ShortcutsDialog

    seed(book_path)
    window = open_window(book_path)
    dialog = ShortcutsDialog(window)
    rows = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "Indent" in rows and "Complete name" in rows
    dialog.table.setCurrentCell(rows.index("Complete name"), 0)
    assert not dialog.change_button.isEnabled()
    dialog.close()


"""One history per meeting: Ctrl+Z walks back typing, agenda changes and actions in order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from ui_keys import key

from minute_taker.services import actions, agenda, committees, meetings
from minute_taker.store.book import MinuteBook


def open_meeting(open_window, book_path: Path):  # type: ignore[no-untyped-def]
    seed = MinuteBook.open(book_path)
    committee = committees.create_committee(seed, "Panel", standing_items=[])
    meeting = meetings.create_meeting(seed, committee.id, "Panel", dt.date(2018, 2, 5))
    for title in ("Apologies", "Performance report"):
        agenda.add_item(seed, meeting.id, title)
    seed.close()
    return open_window(book_path)


def book_state(window) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    window.context.autosave.flush()
    book, meeting_id = window.context.book, window.context.meeting_id
    items = agenda.list_items(book, meeting_id)
    return ([(i.number, i.title) for i in items],
            [agenda.get_item_minutes(book, i.id) for i in items],
            [(a.text, a.item_number) for a in actions.list_actions(book, meeting_id)])


def test_undo_and_redo_walk_through_typing_structure_and_actions(
        qtbot, open_window, book_path: Path) -> None:
    window = open_meeting(open_window, book_path)
    notes, tree = window.notes.editor, window.agenda.tree
    states = [book_state(window)]

    notes.setFocus()
    qtbot.keyClicks(notes, "No apologies were received.")
    states.append(book_state(window))

    tree.setFocus()
    key(qtbot, tree, "Ctrl+Return")
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Declarations")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: book_state(window)[0][1] == ("2", "Declarations"))
    states.append(book_state(window))

    indent = window.agenda.agenda_actions["indent"].shortcut().toString()
    key(qtbot, tree, indent)  # under Apologies, whichever key indents
    states.append(book_state(window))
    assert states[-1][0][1] == ("1.1", "Declarations")

    panel = window.actions_panel
    panel.text_edit.setFocus()
    qtbot.keyClicks(panel.text_edit, "Circulate the register of interests")
    qtbot.keyClick(panel.text_edit, Qt.Key.Key_Return)
    states.append(book_state(window))
    assert states[-1][2] == [("Circulate the register of interests", "1.1")]

    notes.setFocus()
    stack = window.context.undo_stack
    # Undo everything, one step at a time, checking the book after each step that
    # lands on a recorded state (the add and its rename are two steps).
    seen = [book_state(window)]
    while stack.canUndo():
        key(qtbot, notes, "Ctrl+Z")
        seen.append(book_state(window))
    for state in reversed(states):
        assert state in seen
    assert seen[-1] == states[0]
    # ...and redo all of it.
    while stack.canRedo():
        key(qtbot, notes, "Ctrl+Shift+Z")
    assert book_state(window) == states[-1]


def test_deleting_an_item_is_undone_with_its_minutes_and_actions(
        qtbot, open_window, book_path: Path) -> None:
    window = open_meeting(open_window, book_path)
    book = window.context.book
    items = agenda.list_items(book, window.context.meeting_id)
    window.agenda.select(items[1].id)
    qtbot.keyClicks(window.notes.editor, "The report was noted.")
    actions.capture_action(book, window.context.meeting_id, "Send the report to members",
                           item_id=items[1].id)
    window.context.refresh_actions()
    before = book_state(window)

    window.agenda.tree.setFocus()
    key(qtbot, window.agenda.tree, "Ctrl+Shift+Delete")
    after = book_state(window)
    assert after[0] == [("1", "Apologies")]
    assert after[2] == [("Send the report to members", None)]
    assert "Ctrl+Z" in window.statusBar().currentMessage()

    key(qtbot, window.agenda.tree, "Ctrl+Z")
    assert book_state(window) == before
    assert window.agenda.model.rowCount() == 2


def test_the_context_menu_undo_goes_through_the_meeting_history(
        qtbot, open_window, book_path: Path) -> None:
    window = open_meeting(open_window, book_path)
    notes = window.notes.editor
    qtbot.keyClicks(notes, "Apologies were received from the CC.")
    menu = notes.createStandardContextMenu()
    [undo] = [a for a in menu.actions() if a.objectName() == "edit-undo"]
    undo.trigger()
    assert notes.toPlainText() == ""
    assert window.context.undo_stack.canRedo()
    menu.deleteLater()


def test_drag_and_drop_moves_an_item_with_undo(qtbot, open_window, book_path: Path) -> None:
    from PySide6.QtCore import Qt as QtNs

    window = open_meeting(open_window, book_path)
    model = window.agenda.model
    book = window.context.book
    qtbot.keyClicks(window.notes.editor, "Two apologies.")
    window.context.autosave.flush()
    first, second = agenda.list_items(book, window.context.meeting_id)
    data = model.mimeData([model.index_for_id(second.id)])
    # Dropped onto "Apologies": it becomes its sub-item.
    assert model.canDropMimeData(data, QtNs.DropAction.MoveAction, -1, 0,
                                 model.index_for_id(first.id))
    assert model.dropMimeData(data, QtNs.DropAction.MoveAction, -1, 0,
                              model.index_for_id(first.id))
    qtbot.waitUntil(lambda: book_state(window)[0] == [("1", "Apologies"),
                                                      ("1.1", "Performance report")])
    # An item cannot go under itself.
    own = model.mimeData([model.index_for_id(first.id)])
    assert not model.canDropMimeData(own, QtNs.DropAction.MoveAction, -1, 0,
                                     model.index_for_id(second.id))
    # Dragged back to the top, before "Apologies".
    back = model.mimeData([model.index_for_id(second.id)])
    assert model.dropMimeData(back, QtNs.DropAction.MoveAction, 0, 0, model.index(-1, -1))
    qtbot.waitUntil(lambda: book_state(window)[0] == [("1", "Performance report"),
                                                      ("2", "Apologies")])
    window.notes.editor.setFocus()
    key(qtbot, window.notes.editor, "Ctrl+Z")
    key(qtbot, window.notes.editor, "Ctrl+Z")
    assert book_state(window)[0] == [("1", "Apologies"), ("2", "Performance report")]
    assert book_state(window)[1][0] == "<p>Two apologies.</p>"


def test_ctrl_y_and_ctrl_shift_z_redo_wherever_the_focus_is(
        qtbot, open_window, book_path: Path) -> None:
    """Both redo keys work from the agenda as from the notes: a key bound twice (Ctrl+Y
    is the platform's own redo on Windows) was ambiguous and did nothing."""
    window = open_meeting(open_window, book_path)
    tree = window.agenda.tree
    tree.setFocus()
    down = window.agenda.agenda_actions["down"].shortcut().toString()
    key(qtbot, tree, down)
    moved = book_state(window)[0]
    assert moved == [("1", "Performance report"), ("2", "Apologies")]
    for redo in ("Ctrl+Y", "Ctrl+Shift+Z"):
        key(qtbot, tree, "Ctrl+Z")
        assert book_state(window)[0] == [("1", "Apologies"), ("2", "Performance report")]
        key(qtbot, tree, redo)
        assert book_state(window)[0] == moved, redo

"""Drive the real window from the keyboard: a meeting made, minuted and found again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from ui_keys import key

from minute_taker.services import actions, agenda, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.ui.book import autosave
from minute_taker.ui.meeting.new_meeting_dialog import NewMeetingDialog


def type_title(qtbot, window, title: str) -> None:  # type: ignore[no-untyped-def]
    """Type into the in-place editor the agenda opens on a new item, and press Enter."""
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, title)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The view commits the edit from its event loop, not inside the key press.
    qtbot.waitUntil(lambda: window.agenda.model.node(window.agenda.tree.currentIndex())
                    .title == title)




@pytest.fixture
def fill_new_meeting_dialog(qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    """Answer the modal New meeting dialog by typing into its real fields."""

    def fake_exec(dialog: NewMeetingDialog) -> int:
        qtbot.keyClicks(dialog.committee.lineEdit(), "Monthly Assurance Meeting")
        qtbot.keyClicks(dialog.title, "Monthly Assurance Meeting October 2017")
        dialog.date.set_date(dt.date(2017, 10, 31))
        assert dialog.ok.isEnabled()
        return NewMeetingDialog.DialogCode.Accepted

    monkeypatch.setattr(NewMeetingDialog, "exec", fake_exec)


def test_new_book_window_opens_empty_and_says_what_to_do(open_window, book_path: Path) -> None:
    window = open_window(book_path)
    assert window.findChild(object, "agendaTree") is not None
    assert window.findChild(object, "notesEditor") is window.notes.editor
    assert window.findChild(object, "actionPanel") is window.actions_panel
    assert window.context.meeting_id is None
    assert window.pages.currentWidget() is window.welcome
    assert not window.notes.editor.isEnabled()


def test_sample_meeting_from_the_welcome_page(qtbot, open_window, book_path: Path) -> None:
    window = open_window(book_path)
    qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is not window.welcome
    assert window.context.header.title == "Monthly Assurance Meeting – October 2017"
    assert window.switcher.currentText().startswith("31 Oct 2017")
    assert window.agenda.model.rowCount() == 7
    assert window.actions_panel.model.rowCount() == 8


def test_capture_a_meeting_by_keyboard_and_find_it_after_restart(
        qtbot, open_window, book_path: Path, fill_new_meeting_dialog) -> None:
    window = open_window(book_path)
    key(qtbot, window, "Ctrl+Shift+N")
    header = window.context.header
    assert header is not None and header.title == "Monthly Assurance Meeting October 2017"
    tree = window.agenda.tree
    assert window.agenda.model.rowCount() == 8  # the default standing items

    # Add "Outstanding matters" after the first item, rename it by typing, then nest two
    # sub-items under it.
    tree.setFocus()
    key(qtbot, tree, "Ctrl+Return")
    type_title(qtbot, window, "Outstanding matters")
    parent_id = window.context.current_item_id
    assert agenda.get_item(window.context.book, parent_id).title == "Outstanding matters"
    for title in ("Professional Standards", "Telford"):
        key(qtbot, tree, "Ctrl+Shift+Return" if title == "Professional Standards"
            else "Ctrl+Return")
        type_title(qtbot, window, title)
    telford = agenda.get_item(window.context.book, window.context.current_item_id)
    assert (telford.number, telford.parent_id) == ("2.2", parent_id)

    # Type notes with a nested bulleted list and bold text.
    notes = window.notes.editor
    notes.setFocus()
    qtbot.keyClicks(notes, "Findings:")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    key(qtbot, notes, "Ctrl+Shift+L")
    qtbot.keyClicks(notes, "A short term plan is in place")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    qtbot.keyClicks(notes, "upskilling special constables")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    key(qtbot, notes, "Ctrl+B")
    qtbot.keyClicks(notes, "volunteers")

    # Capture an action from the keyboard.
    key(qtbot, window, "Ctrl+Shift+A")
    panel = window.actions_panel
    assert panel.text_edit.hasFocus()
    qtbot.keyClicks(panel.text_edit, "Share interim analysis with PCC's office")
    qtbot.keyClick(panel.text_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(panel.owner_edit, "DCC")
    qtbot.keyClick(panel.owner_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(panel.due_edit, "31/01/2018")
    qtbot.keyClick(panel.due_edit, Qt.Key.Key_Return)
    assert panel.model.rowCount() == 1

    meeting_id = window.context.meeting_id
    window.close()  # flushes autosave at once
    window.context.book.close()

    reopened = open_window(book_path)
    assert reopened.context.meeting_id == meeting_id
    book = reopened.context.book
    titles = [(n.number, n.title, n.depth) for n in agenda.list_items(book, meeting_id)]
    assert titles[:4] == [("1", "Welcome and introductions", 0),
                          ("2", "Outstanding matters", 0),
                          ("2.1", "Professional Standards", 1), ("2.2", "Telford", 1)]
    assert agenda.get_item_minutes(book, telford.id) == (
        "<p>Findings:</p><ul><li>A short term plan is in place<ul><li>upskilling special "
        "constables</li><li><strong>volunteers</strong></li></ul></li></ul>")
    [saved_action] = actions.list_actions(book, meeting_id)
    assert (saved_action.text, saved_action.owner_text, saved_action.due_date,
            saved_action.item_number) == ("Share interim analysis with PCC's office", "DCC",
                                          dt.date(2018, 1, 31), "2.2")
    assert reopened.agenda.model.rowCount() == 9
    assert reopened.actions_panel.model.rowCount() == 1


def test_notes_reach_the_book_within_a_second_of_the_last_keystroke(
        qtbot, open_window, book_path: Path) -> None:
    seed = MinuteBook.open(book_path)
    from minute_taker.services import committees

    committee = committees.create_committee(seed, "Panel")
    meeting = meetings.create_meeting(seed, committee.id, "Panel", dt.date(2018, 2, 5))
    seed.close()
    window = open_window(book_path)
    item_id = window.context.current_item_id
    assert item_id is not None
    qtbot.keyClicks(window.notes.editor, "The Report was noted.")
    # Not written synchronously with the keystroke...
    other = MinuteBook.open(book_path)
    try:
        assert agenda.get_item_minutes(other, item_id) == ""
        # ...but by a reader in another connection, within the autosave deadline.
        qtbot.waitUntil(lambda: agenda.get_item_minutes(other, item_id)
                        == "<p>The Report was noted.</p>",
                        timeout=autosave.MAX_DELAY_MS + 500)
    finally:
        other.close()
    # The worker's commit is seen by the other connection a moment before the window
    # hears of it (its signal waits for the event loop): the label follows.
    qtbot.waitUntil(lambda: window.saved_label.text().startswith("All changes saved at"),
                    timeout=1000)
    assert meeting.id == window.context.meeting_id


def test_switching_item_saves_at_once_and_shows_the_other_items_text(
        qtbot, open_window, book_path: Path) -> None:
    seed = MinuteBook.open(book_path)
    from minute_taker.services import committees

    committee = committees.create_committee(seed, "Panel")
    meeting = meetings.create_meeting(seed, committee.id, "Panel", dt.date(2018, 2, 5))
    items = agenda.list_items(seed, meeting.id)
    agenda.set_item_minutes(seed, items[1].id, "<p>No apologies were received.</p>")
    seed.close()
    window = open_window(book_path)
    qtbot.keyClicks(window.notes.editor, "Cllr Miller welcomed everyone")
    key(qtbot, window.notes.editor, "Ctrl+PgDown")
    assert window.context.current_item_id == items[1].id
    assert window.notes.editor.toPlainText() == "No apologies were received."
    assert agenda.get_item_minutes(window.context.book, items[0].id) == \
        "<p>Cllr Miller welcomed everyone</p>"


def test_header_edits_are_saved_and_delete_item_needs_no_confirmation(
        qtbot, open_window, book_path: Path) -> None:
    seed = MinuteBook.open(book_path)
    from minute_taker.services import committees

    committee = committees.create_committee(seed, "Panel")
    meeting = meetings.create_meeting(seed, committee.id, "Panel", dt.date(2018, 2, 5))
    seed.close()
    window = open_window(book_path)
    header = window.header
    header.venue.setFocus()
    qtbot.keyClicks(header.venue, "Meeting Room 1.38 - Hindlip")
    header.start.setFocus()
    qtbot.keyClicks(header.start, "1030")
    header.end.setFocus()
    qtbot.keyClicks(header.end, "12.3")  # not a time yet: nothing is written
    header.chair.setFocus()
    qtbot.keyClicks(header.chair.lineEdit(), "John Campion")
    qtbot.keyClick(header.chair.lineEdit(), Qt.Key.Key_Return)
    window.context.autosave.flush()
    saved = meetings.get_header(window.context.book, meeting.id)
    assert saved.venue == "Meeting Room 1.38 - Hindlip"
    assert saved.start_time == dt.time(10, 30)
    assert saved.end_time is None
    assert saved.chair_name == "John Campion"

    first = window.context.current_item_id
    window.agenda.tree.setFocus()
    key(qtbot, window.agenda.tree, "Ctrl+Shift+Delete")
    ids = [n.id for n in agenda.list_items(window.context.book, meeting.id)]
    assert first not in ids and len(ids) == 7
    assert window.agenda.model.rowCount() == 7


def test_window_geometry_and_splitter_persist(open_window, book_path: Path) -> None:
    window = open_window(book_path)
    window.resize(700, 555)  # the offscreen screen is 800 x 800: stay inside it
    window.splitter.setSizes([150, 400, 160])
    size, sizes = window.size(), window.splitter.sizes()
    assert size.height() == 555
    window.close()
    again = open_window(book_path)
    assert again.size() == size
    assert again.splitter.sizes() == sizes


def test_open_book_and_open_recent_switch_books_after_saving(
        qtbot, open_window, book_path: Path, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from minute_taker.services import committees
    from minute_taker.ui.book.settings import recent_books

    seed = MinuteBook.open(book_path)
    committee = committees.create_committee(seed, "Panel")
    meetings.create_meeting(seed, committee.id, "First book meeting", dt.date(2018, 2, 5))
    seed.close()
    window = open_window(book_path)
    first_item = window.context.current_item_id
    qtbot.keyClicks(window.notes.editor, "Typed just before switching")

    other = tmp_path / "other.minutebook"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "other"), ""))
    key(qtbot, window, "Ctrl+N")  # File > New book; the suffix is added
    assert window.context.book.path == other and other.exists()
    assert window.pages.currentWidget() is window.welcome
    assert recent_books()[0] == other

    with MinuteBook.open(book_path) as first:
        assert agenda.get_item_minutes(first, first_item) == \
            "<p>Typed just before switching</p>"

    window.recent_menu.aboutToShow.emit()
    [back] = [a for a in window.recent_menu.actions() if a.text().startswith(book_path.name)]
    back.trigger()
    assert window.context.book.path == book_path
    assert window.context.header.title == "First book meeting"


def test_a_bad_file_chosen_in_open_book_is_refused_and_the_book_stays_open(
        open_window, book_path: Path, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    notes = tmp_path / "notes.txt"
    notes.write_text("not minutes")
    warnings = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(notes), ""))
    window = open_window(book_path)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: warnings.append(box.text()))
    window.books.open_book_dialog()
    assert window.context.book.path == book_path
    assert "notes.txt is not a minute book" in warnings[0]
    assert notes.read_text() == "not minutes"


def test_shortcuts_dialog_lists_every_shortcut(open_window, book_path: Path) -> None:
    from minute_taker.ui.shortcuts_dialog import window_shortcuts

    window = open_window(book_path)
    listed = dict(window_shortcuts(window))
    for text in ("Add item", "Add sub-item", "Indent", "Bold", "Bulleted list",
                 "Capture action", "New meeting", "Next item", "Keyboard shortcuts"):
        assert text in listed, text
    assert listed["Add sub-item"] == "Ctrl+Shift+Return"


def test_a_live_meeting_times_items_as_the_clerk_moves_on(
        qtbot, open_window, book_path: Path) -> None:
    seed = MinuteBook.open(book_path)
    from minute_taker.services import committees

    committee = committees.create_committee(seed, "Panel")
    meeting = meetings.create_meeting(seed, committee.id, "Panel", dt.date.today())
    items = agenda.list_items(seed, meeting.id)
    agenda.update_item(seed, items[1].id, planned_minutes=0)
    seed.close()
    window = open_window(book_path)
    notes = window.notes.editor
    notes.setFocus()
    key(qtbot, notes, "F5")  # start the meeting
    assert window.context.live
    header = meetings.get_header(window.context.book, meeting.id)
    assert header.start_time is not None and header.end_time is None
    assert "LIVE since" in window.live_label.text()
    first = agenda.get_item(window.context.book, items[0].id)
    assert first.started_at is not None and first.ended_at is None
    assert window.agenda.model.data(window.agenda.model.index(0, 0)).startswith("\u25b6 1")

    key(qtbot, notes, "Ctrl+PgDown")  # the meeting moves on, without leaving the notes
    assert notes.hasFocus()
    first, second = (agenda.get_item(window.context.book, i.id) for i in items[:2])
    assert first.ended_at is not None and second.started_at == first.ended_at
    assert "Started" in window.notes.heading.text()

    key(qtbot, notes, "Shift+F5")  # close the meeting
    assert not window.context.live
    assert meetings.get_header(window.context.book, meeting.id).end_time is not None
    assert agenda.get_item(window.context.book, items[1].id).ended_at is not None

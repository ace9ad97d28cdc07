"""A long item keeps an editor of its own (issue 18): Qt lays a document out again
whenever an editor is given it, 75 ms for 100,000 words, so going back to a long item
shows its editor again instead. The clerk must not notice the swap: the keyboard stays
in the notes, typing lands in the item on show, and every key the notes answer (list
and format shortcuts, quick phrases, completion, ACTION lines, undo, the spelling)
works in the long item's editor as in the shared one."""

from __future__ import annotations

import datetime as dt
from itertools import cycle
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from spelling_marks import underlined
from ui_keys import key

from minute_taker.domain.records import Abbreviation
from minute_taker.domain.suggestions import plain_text
from minute_taker.services import actions, agenda, committees, meetings, people
from minute_taker.store.book import MinuteBook
from minute_taker.ui.capture.notes_editor import OWN_EDITOR_CHARS, NotesEditor

SAID = (
    "The DCC reported that outcomes for domestic burglary had improved in the quarter.",
    "Members asked how the figures compared with the most similar forces.",
    "The PCC noted that the force had received the inspection report in October.",
    "It was agreed that the panel would see the action plan at its next meeting.",
    "The DPCC said that victims were now contacted within forty-eight hours.",
)


def long_notes(characters: int) -> str:
    """Paragraphs of what is said in a meeting, past ``characters`` of text."""
    paragraphs: list[str] = []
    size = 0
    sentences = cycle(SAID)
    while size < characters:
        paragraph = " ".join(next(sentences) for _ in range(4))
        paragraphs.append(f"<p>{paragraph}</p>")
        size += len(paragraph) + 1
    return "".join(paragraphs)


@pytest.fixture
def long_and_short(book_path: Path) -> tuple[Path, int, int, int]:
    """A meeting of a long item between two short ones: the book, the three items."""
    with MinuteBook.open(book_path) as seed:
        committee = committees.create_committee(seed, "Police and Crime Panel", abbreviations=[
            Abbreviation("DPCC", "Deputy Police and Crime Commissioner")], standing_items=[])
        meeting = meetings.create_meeting(seed, committee.id, "October", dt.date(2017, 10, 31))
        before = agenda.add_item(seed, meeting.id, "Apologies").id
        long_item = agenda.add_item(seed, meeting.id, "Everything at once").id
        after = agenda.add_item(seed, meeting.id, "Any other business").id
        agenda.set_item_minutes(seed, long_item, long_notes(OWN_EDITOR_CHARS + 5_000))
        agenda.set_item_minutes(seed, after, "<p>None was raised.</p>")
        people.create_person(seed, "Amanda Blakeman", role="Deputy Chief Constable",
                             abbreviation="DCC")
    return book_path, before, long_item, after


def stored(window, item_id: int) -> str:  # type: ignore[no-untyped-def]
    window.context.autosave.flush()
    return plain_text(agenda.get_item_minutes(window.context.book, item_id) or "")


def typing_in(window, item_id: int) -> NotesEditor:  # type: ignore[no-untyped-def]
    """The editor on show, checked to be the one with the keyboard, on ``item_id``."""
    editor = window.notes.editor
    assert window.context.current_item_id == item_id
    assert QApplication.focusWidget() is editor
    assert editor.isVisible() and editor.isEnabled() and not editor.isReadOnly()
    return editor


def test_the_keyboard_stays_in_the_notes_and_each_item_gets_its_own_words(
        qtbot, open_window, long_and_short, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    path, before, long_item, after = long_and_short
    window = open_window(path)
    window.agenda.select(before)
    shared = window.notes.editor
    shared.setFocus()
    qtbot.keyClicks(shared, "Apologies were received from Cllr Smith.")

    key(qtbot, shared, "Ctrl+PgDown")  # into the long item
    own = typing_in(window, long_item)
    assert own is not shared  # laid out in an editor of its own
    assert not shared.isVisible()
    assert own.document().characterCount() > OWN_EDITOR_CHARS
    assert own.textCursor().atEnd()  # typing follows what is there
    qtbot.keyClicks(own, " The chair thanked the DCC.")

    key(qtbot, own, "Ctrl+PgDown")  # a short item: the shared editor again
    assert typing_in(window, after) is shared
    assert not own.isVisible()
    qtbot.keyClicks(shared, " Nothing else.")

    given: list[object] = []
    monkeypatch.setattr(own, "setDocument", lambda document: given.append(document))
    key(qtbot, shared, "Ctrl+PgUp")  # back: the same editor, not laid out again
    assert typing_in(window, long_item) is own
    assert given == []
    qtbot.keyClicks(own, " Members agreed.")
    key(qtbot, own, "Ctrl+PgUp")
    assert typing_in(window, before) is shared
    qtbot.keyClicks(shared, " And from Cllr Jones.")

    assert stored(window, before) == (
        "Apologies were received from Cllr Smith. And from Cllr Jones.")
    assert stored(window, after) == "None was raised. Nothing else."
    text = stored(window, long_item)
    assert text.startswith(SAID[0])
    assert text.endswith(" The chair thanked the DCC. Members agreed.")
    assert text.count("The chair thanked") == 1


def test_arrowing_through_the_agenda_past_a_long_item_leaves_the_keyboard_there(
        qtbot, open_window, long_and_short) -> None:  # type: ignore[no-untyped-def]
    path, before, long_item, after = long_and_short
    window = open_window(path)
    window.agenda.select(before)
    tree = window.agenda.tree
    tree.setFocus()
    for press, item_id in ((Qt.Key.Key_Down, long_item), (Qt.Key.Key_Down, after),
                           (Qt.Key.Key_Up, long_item)):
        qtbot.keyClick(tree, press)
        assert window.context.current_item_id == item_id
        assert QApplication.focusWidget() is tree
        assert window.notes.editor.isVisible()
    assert window.notes.editor.document().characterCount() > OWN_EDITOR_CHARS


def test_every_key_the_notes_answer_works_in_a_long_items_editor(
        qtbot, open_window, long_and_short) -> None:  # type: ignore[no-untyped-def]
    path, before, long_item, _after = long_and_short
    window = open_window(path)
    qtbot.waitUntil(lambda: window.notes.spelling.is_ready, timeout=30_000)
    window.agenda.select(before)
    window.notes.editor.setFocus()
    key(qtbot, window.notes.editor, "Ctrl+PgDown")
    own = typing_in(window, long_item)
    meeting = window.context.meeting_id

    qtbot.keyClick(own, Qt.Key.Key_Return)
    key(qtbot, own, "Ctrl+B")  # a format shortcut
    qtbot.keyClicks(own, "Outcome")
    assert own.textCursor().charFormat().fontWeight() == QFont.Weight.Bold
    key(qtbot, own, "Ctrl+B")
    qtbot.keyClick(own, Qt.Key.Key_Return)
    qtbot.keyClick(own, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # a quick phrase
    assert own.textCursor().block().text() == "The report was noted."

    qtbot.keyClicks(own, " The DPC")  # completion follows the editor
    assert window.notes.completer.popup.isVisible()
    assert "DPCC" in [entry.insert for entry in window.notes.completer.matches]
    qtbot.keyClick(own, Qt.Key.Key_Escape)
    assert not window.notes.completer.popup.isVisible()
    assert QApplication.focusWidget() is own

    qtbot.keyClicks(own, "C recieved the letter ")  # the spelling follows it too
    qtbot.waitUntil(lambda: "recieved" in underlined(own), timeout=5_000)

    qtbot.keyClick(own, Qt.Key.Key_Return)  # an ACTION line is captured on Enter
    qtbot.keyClicks(own, "ACTION: DCC to circulate the figures by end January 2018")
    qtbot.keyClick(own, Qt.Key.Key_Return)
    [row] = actions.list_actions(window.context.book, meeting)
    assert row.owner_text == "DCC" and row.item_number == "2"
    assert "ACTION:" not in stored(window, long_item)
    assert QApplication.focusWidget() is own

    key(qtbot, own, "Ctrl+Z")  # through the meeting's history: the action goes
    assert actions.list_actions(window.context.book, meeting) == []
    assert "ACTION: DCC to circulate" in stored(window, long_item)


def test_another_meeting_lets_the_long_items_editors_go(
        qtbot, open_window, long_and_short) -> None:  # type: ignore[no-untyped-def]
    path, before, long_item, _after = long_and_short
    with MinuteBook.open(path) as seed:
        first = agenda.get_item(seed, long_item).meeting_id
        committee = meetings.get_header(seed, first).committee_id
        later = meetings.create_meeting(seed, committee, "November", dt.date(2017, 11, 28))
        agenda.add_item(seed, later.id, "Minutes of the last meeting")
    window = open_window(path)
    window.context.open_meeting(first)
    window.agenda.select(long_item)
    own = window.notes.editor
    own.setFocus()
    qtbot.keyClicks(own, " Typed last.")
    editors = window.notes.findChildren(NotesEditor)
    assert len(editors) == 2

    window.context.open_meeting(later.id)
    qtbot.waitUntil(lambda: len(window.notes.findChildren(NotesEditor)) == 1)
    assert window.notes.editor is not own
    assert window.notes.editor.document().toPlainText() == ""
    assert stored(window, long_item).endswith(" Typed last.")

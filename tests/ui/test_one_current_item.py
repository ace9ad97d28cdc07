"""One current item, always (issue 13, slip 2): the agenda's current row, the heading
above the notes, the item the notes edit, and the item F2, Ctrl+Return, Ctrl+Shift+Delete
and the arrived/left keys act on are the same item, whatever the clerk pressed before.

Every step is a real key (or a click in the tree) into the real window, at whatever has
the keyboard focus; shortcuts are read from the window's actions, so a key rebound later
is still the key pressed here.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from minute_taker.domain.records import ItemNode
from minute_taker.services import agenda, attendance, committees, meetings, people
from minute_taker.store.book import MinuteBook

MEMBERS = ("John Campion", "Tracey Onslow", "Amanda Blakeman")
ITEMS = (("Apologies", None), ("Declarations", None), ("Reports", None),
         ("Performance", "Reports"), ("Complaints", "Reports"), ("Any other business", None))


def seed_meeting(path: Path) -> None:
    """A meeting with a nested agenda and members present, as the clerk would have it."""
    with MinuteBook.open(path) as book:
        committee = committees.create_committee(book, "Panel", standing_items=[])
        for name in MEMBERS:
            committees.add_member(book, committee.id, people.create_person(book, name).id)
        meeting = meetings.create_meeting(book, committee.id, "Panel", dt.date.today())
        made: dict[str, int] = {}
        for title, parent in ITEMS:
            made[title] = agenda.add_item(book, meeting.id, title,
                                          parent_id=made.get(parent or "")).id
        attendance.prefill_from_committee(book, meeting.id)


def press(qtbot, sequence: QKeySequence | str) -> None:  # type: ignore[no-untyped-def]
    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(QApplication.focusWidget(), combo.key(), combo.keyboardModifiers())


def plain(html_text: str) -> str:
    return " ".join(QTextDocumentFragment.fromHtml(html_text).toPlainText().split())


class Agreement:
    """What the window shows as current, read from each place that shows it."""

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        self.window = window

    @property
    def book(self) -> MinuteBook:
        return self.window.context.book  # type: ignore[no-any-return]

    def items(self) -> list[ItemNode]:
        return agenda.list_items(self.book, self.window.context.meeting_id)

    def current(self) -> ItemNode:
        """The one current item, after checking that every place agrees on it."""
        window, context = self.window, self.window.context
        ids = [item.id for item in self.items()]
        current_id = context.current_item_id
        assert current_id in ids, "the current item is not on the agenda"
        tree, model = window.agenda.tree, window.agenda.model
        row = model.node(tree.currentIndex())
        assert row is not None and row.id == current_id, "the tree highlights another item"
        assert [model.node(i).id for i in tree.selectionModel().selectedIndexes()] \
            == [current_id], "the tree selects another item"
        index = model.index_for_id(current_id)
        assert model.data(index, Qt.ItemDataRole.FontRole).bold(), "another item is in bold"
        assert window.notes.item_id == current_id, "the notes edit another item"
        node = agenda.get_item(self.book, current_id)
        assert plain(window.notes.heading.text()).startswith(f"{node.number} {node.title}"), \
            "the heading names another item"
        if context.live:
            running = [model.node(model.index_for_id(i)).id for i in ids
                       if model.data(model.index_for_id(i)).startswith("\u25b6")]
            assert running == [current_id], "the item marked as running is another"
        return node


def shortcut(action: QAction) -> QKeySequence:
    return action.shortcut()


class OneCurrentItem(RuleBasedStateMachine):
    """A clerk pressing keys at random; after each step one item is current everywhere."""

    harness = None  # set by the fixture: (qtbot, qtlog, a new window, the names chosen)

    def __init__(self) -> None:
        super().__init__()
        qtbot, self.qtlog, make_window, self.chosen = type(self).harness  # type: ignore[misc]
        self.qtbot = qtbot
        self.seen = len(self.qtlog.records)
        self.window = make_window()
        self.window.notes.editor.setFocus()
        self.agree = Agreement(self.window)
        self.counter = itertools.count(1)

    def teardown(self) -> None:
        self.window.close()

    # -- helpers ---------------------------------------------------------------
    def press(self, sequence: QKeySequence | str) -> None:
        press(self.qtbot, sequence)

    def agenda_key(self, name: str) -> None:
        self.press(shortcut(self.window.agenda.agenda_actions[name]))

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(QApplication.focusWidget(), text)

    def focus_is_editing_notes_or_agenda(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and (self.window.notes.isAncestorOf(focus)
                                      or self.window.agenda.isAncestorOf(focus))

    def editable(self) -> bool:
        return bool(self.window.context.editable)

    # -- navigation ------------------------------------------------------------
    @rule(which=st.sampled_from(["next", "previous"]))
    def next_or_previous_item(self, which: str) -> None:
        self.agenda_key(which)

    @rule(row=st.integers(0, 40), arrows=st.lists(st.sampled_from(["Up", "Down", "Home",
                                                                    "End"]), max_size=3))
    def click_in_the_tree_and_arrow(self, row: int, arrows: list[str]) -> None:
        tree, model = self.window.agenda.tree, self.window.agenda.model
        ids = model.item_ids()
        index = model.index_for_id(ids[row % len(ids)])
        tree.scrollTo(index)
        self.qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                              pos=tree.visualRect(index).center())
        for arrow in arrows:
            self.press(arrow)

    # -- typing ------------------------------------------------------------------
    @rule(word=st.sampled_from(["noted", "agreed", "Cllr Dakin", "- deferred", "(DCC)"]))
    def type_words(self, word: str) -> None:
        """Typed into the notes, or into the tree: either way into the current item's."""
        focus = QApplication.focusWidget()
        details = self.window.notes.details
        token = f" {word} {next(self.counter)}"
        before = self.agree.current()
        self.type(token)
        if focus is details.description:
            assert details.description.text().endswith(token)
            return
        assert focus in (self.window.notes.editor, self.window.agenda.tree), \
            f"typing went to {focus!r}"
        assert self.window.notes.editor.toPlainText().endswith(token)
        self.window.context.autosave.flush()
        assert plain(agenda.get_item_minutes(self.agree.book, before.id)).endswith(
            token.strip())

    # -- agenda edits --------------------------------------------------------------
    @precondition(lambda self: self.editable())
    @rule(child=st.booleans(), end=st.sampled_from([Qt.Key.Key_Return, Qt.Key.Key_Escape]))
    def add_item(self, child: bool, end: Qt.Key) -> None:
        before = self.agree.current()
        ids = {item.id for item in self.agree.items()}
        self.agenda_key("add_child" if child else "add")
        title = f"Item {next(self.counter)}"
        self.type(title)
        self.qtbot.keyClick(QApplication.focusWidget(), end)
        [added] = [item for item in self.agree.items() if item.id not in ids]
        assert added.parent_id == (before.id if child else before.parent_id)
        if not child:
            assert added.position == before.position + 1, "not added after the current item"
        assert added.title == (title if end == Qt.Key.Key_Return else "New item")
        assert self.agree.current().id == added.id

    @precondition(lambda self: self.editable())
    @rule()
    def rename_item(self) -> None:
        before = self.agree.current()
        if not self.focus_is_editing_notes_or_agenda():
            return  # F2 renames from the agenda and the notes only
        self.agenda_key("rename")
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit) and self.window.agenda.tree.isAncestorOf(editor)
        title = f"Renamed {next(self.counter)}"
        self.qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        self.type(title)
        self.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        assert agenda.get_item(self.agree.book, before.id).title == title
        assert self.agree.current().id == before.id

    @precondition(lambda self: self.editable())
    @rule(which=st.sampled_from(["indent", "outdent", "up", "down"]))
    def restructure(self, which: str) -> None:
        before = self.agree.current()
        parents = {item.id: item.parent_id for item in self.agree.items()}
        self.agenda_key(which)
        after = {item.id: item.parent_id for item in self.agree.items()}
        assert {k: v for k, v in after.items() if k != before.id} == \
            {k: v for k, v in parents.items() if k != before.id}, "another item was moved"
        assert self.agree.current().id == before.id

    @precondition(lambda self: self.editable())
    @rule()
    def delete_item(self) -> None:
        before = self.agree.current()
        items = self.agree.items()
        at = [item.id for item in items].index(before.id)
        subtree = {before.id}
        for item in items[at + 1:]:
            if item.depth <= before.depth:
                break
            subtree.add(item.id)
        if len(subtree) == len(items):
            return  # the agenda is kept from going empty
        self.agenda_key("delete")
        assert {item.id for item in self.agree.items()} == \
            {item.id for item in items} - subtree, "another item was deleted"

    @rule(sequence=st.sampled_from(["Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y"]))
    def undo_or_redo(self, sequence: str) -> None:
        action = self.window.undo_action if sequence == "Ctrl+Z" else self.window.redo_action
        assert QKeySequence(sequence) in action.shortcuts()
        self.press(sequence)

    # -- item details ----------------------------------------------------------------
    @rule()
    def item_details(self) -> None:
        self.press(shortcut(self.window.details_action))

    @precondition(lambda self: self.window.notes.details.isVisible())
    @rule(text=st.sampled_from(["To note", "To agree the report", ""]),
          clear=st.booleans())
    def edit_the_agenda_text(self, text: str, clear: bool) -> None:
        description = self.window.notes.details.description
        if QApplication.focusWidget() is not description:
            return
        if clear:
            self.press("Ctrl+A")
            self.press("Backspace")
        self.type(text)

    # -- live timing and the arrived/left keys ------------------------------------------
    @precondition(lambda self: self.editable())
    @rule(start=st.booleans())
    def start_or_close_the_meeting(self, start: bool) -> None:
        window = self.window
        self.press(shortcut(window.start_action if start else window.close_meeting_action))

    @precondition(lambda self: self.editable())
    @rule(kind=st.sampled_from(["arrived", "left"]))
    def someone_arrives_or_leaves(self, kind: str) -> None:
        before = self.agree.current()
        self.chosen.clear()
        self.press(shortcut(self.window.movement_actions[kind]))
        if not self.chosen:
            return  # everyone has left already: nobody to ask about
        rows = attendance.list_attendance(self.agree.book, self.window.context.meeting_id)
        [row] = [r for r in rows if r.person_name == self.chosen[0]]
        assert (row.arrived_item_id if kind == "arrived" else row.left_item_id) == before.id

    @invariant()
    def one_current_item(self) -> None:
        self.agree.current()

    @invariant()
    def every_key_reached_one_action(self) -> None:
        """A key bound to two actions (or twice to one) does nothing: a lost key."""
        records = self.qtlog.records
        ambiguous = [r.message for r in records[self.seen:] if "Ambiguous shortcut" in r.message]
        self.seen = len(records)
        assert not ambiguous


@pytest.fixture
def clerk_machine(qtbot, qtlog, open_window, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    """The state machine, each run on a fresh book in a fresh window; the arrived/left
    question is answered with the first name offered."""
    chosen: list[str] = []

    def first_name(_parent, _title, _label, names, *_args):  # type: ignore[no-untyped-def]
        chosen.append(names[0])
        return names[0], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(first_name))
    books = (tmp_path / f"book{n}.minutebook" for n in itertools.count())

    def make_window():  # type: ignore[no-untyped-def]
        path = next(books)
        seed_meeting(path)
        return open_window(path)

    OneCurrentItem.harness = (qtbot, qtlog, make_window, chosen)  # type: ignore[assignment]
    yield OneCurrentItem
    OneCurrentItem.harness = None


def test_one_current_item_whatever_the_clerk_presses(clerk_machine) -> None:  # type: ignore[no-untyped-def]
    run_state_machine_as_test(clerk_machine, settings=settings(
        max_examples=12, stateful_step_count=25, deadline=None, database=None,
        suppress_health_check=list(HealthCheck)))


def test_editing_the_agenda_text_then_moving_on_moves_the_tree_too(
        qtbot, open_window, book_path: Path) -> None:
    """The case the clerk met: Ctrl+Shift+D, Ctrl+A, Backspace, Ctrl+PgUp. The notes
    showed item 2 while the tree still highlighted item 3, and F2 then renamed item 3."""
    seed_meeting(book_path)
    window = open_window(book_path)
    agree = Agreement(window)
    window.notes.editor.setFocus()
    actions = window.agenda.agenda_actions
    for _ in range(2):
        press(qtbot, shortcut(actions["next"]))
    assert agree.current().title == "Reports"
    press(qtbot, shortcut(window.details_action))
    description = window.notes.details.description
    assert QApplication.focusWidget() is description
    press(qtbot, "Ctrl+A")
    press(qtbot, "Backspace")
    qtbot.keyClicks(description, "To receive the reports")
    press(qtbot, shortcut(actions["previous"]))
    declarations = agree.current()
    assert declarations.title == "Declarations"

    press(qtbot, shortcut(actions["rename"]))
    qtbot.keyClicks(QApplication.focusWidget(), "Declarations of interest")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    press(qtbot, shortcut(actions["add"]))
    qtbot.keyClicks(QApplication.focusWidget(), "Pecuniary interests")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert [(item.title, item.description) for item in agree.items()][1:4] == [
        ("Declarations of interest", ""), ("Pecuniary interests", ""),
        ("Reports", "To receive the reports")]
    assert agree.current().title == "Pecuniary interests"

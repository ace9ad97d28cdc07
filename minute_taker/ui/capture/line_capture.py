"""Turning what was just typed into structure: a line into an action, a decision or
the roll call.

A clerk types "ACTION: DCC to share briefing with PCC's office by end January
2018" and presses Enter: the line becomes an action (owner DCC, due 31 January
2018, the due words kept as typed) and leaves the notes, where exports would
otherwise print it twice. Ctrl+Shift+K does the same for any line or selection;
Ctrl+Shift+R records the line or selection as a decision, kept where it stands in
the clerk's words. A roll line ("Apologies: Cllrs
Dakin, Mackay and Turley", see roll_call.py) is recorded as attendance on Enter
and stays in the notes. So does a line giving the date of the next meeting ("Date of
next meeting: Tuesday 6 February 2018 at 10.30am, Council Chamber", or the date alone
in a "Date of next meeting" item), which fills the header's next meeting. Each is one
undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor, QUndoCommand
from PySide6.QtWidgets import QDialog, QTextEdit, QWidget

from minute_taker.domain.capture import (
    ActionDraft,
    DecisionDraft,
    NextMeetingDraft,
    format_decision_line,
    has_action_marker,
    parse_action_line,
    parse_decision_line,
    parse_next_meeting_line,
)
from minute_taker.domain.dates import day_month_year
from minute_taker.domain.enums import DecisionKind
from minute_taker.domain.records import DecisionRow, ItemNode, MeetingHeader
from minute_taker.domain.roll_call import has_roll_marker
from minute_taker.services import actions, decisions, meetings, people
from minute_taker.ui.capture.decision_dialog import DecisionDialog
from minute_taker.ui.capture.notes_editor import NotesEditor
from minute_taker.ui.capture.richtext_qt import decisions_in, mark_decision
from minute_taker.ui.capture.roll_call import RollCapture, at_line_end
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.undo import ActionCaptured, DecisionRecorded


def line_under_cursor(editor: NotesEditor) -> tuple[str, QTextCursor]:
    """The selection, or else the whole block the cursor is in, with a cursor over it."""
    cursor = editor.textCursor()
    if not cursor.hasSelection():
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                            QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", " ").strip(), cursor


def remove_line(cursor: QTextCursor, *, keep_line: bool) -> None:
    """Take the captured text out of the notes. ``keep_line``: the emptied line stays
    for the typing that follows (Enter was just pressed on it); otherwise the lines
    after it move up."""
    cursor.removeSelectedText()
    if not keep_line and not cursor.block().text().strip() and cursor.block().next().isValid():
        cursor.deleteChar()  # the paragraph break after the emptied line


NEXT_MEETING_FIELDS = ("next_meeting_date", "next_meeting_time", "next_meeting_venue")


class NextMeetingFilled(QUndoCommand):
    """The header's next meeting as a typed line set it; the first ``redo`` (on push) is
    skipped, it is done."""

    def __init__(self, context: MeetingContext, meeting_id: int, before: dict[str, Any],
                 after: dict[str, Any]) -> None:
        super().__init__("Fill in the next meeting")
        self.context = context
        self.meeting_id = meeting_id
        self.before, self.after = before, after
        self._pushed = True

    def undo(self) -> None:
        self._set(self.before)

    def redo(self) -> None:
        if self._pushed:
            self._pushed = False
            return
        self._set(self.after)

    def _set(self, values: dict[str, Any]) -> None:
        header = self.context.apply(meetings.update_header, self.meeting_id, **values)
        if header is not None and self.context.meeting_id == self.meeting_id:
            self.context.set_header(header)


def new_paragraph(editor: QTextEdit) -> None:
    """What Enter does in the editor, without asking the editor again."""
    enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return,
                      Qt.KeyboardModifier.NoModifier, "\r")
    QTextEdit.keyPressEvent(editor, enter)


def next_meeting_words(values: dict[str, Any]) -> str:
    """"Tue 6 Feb 2018 at 10:30, Council Chamber", as the status bar says it."""
    date = values.get("next_meeting_date")
    time = values.get("next_meeting_time")
    venue = values.get("next_meeting_venue")
    words = f"{date:%a} {day_month_year(date)}" if date else "none"
    if time is not None:
        words += f" at {time:%H:%M}"
    return f"{words}, {venue}" if venue else words


class LineCapture:
    def __init__(self, context: MeetingContext, shown_editor: Callable[[], NotesEditor],
                 parent: QWidget) -> None:
        self.context = context
        self._shown_editor = shown_editor
        self.parent = parent
        self.roll = RollCapture(context, shown_editor)
        self._titles: dict[int, str] = {}  # the open meeting's item titles, kept as sent
        context.items_changed.connect(self._keep_titles)

    @property
    def editor(self) -> NotesEditor:
        """The notes editor on show (a long item has its own)."""
        return self._shown_editor()

    def _keep_titles(self, items: list[ItemNode]) -> None:
        self._titles = {node.id: node.title for node in items}

    def _owner_words(self) -> list[str]:
        everyone = self.context.run(people.list_people) or []
        return sorted({p.owner_label for p in everyone} | {p.name for p in everyone})

    def capture_typed_action(self) -> bool:
        """Called as Enter is pressed: capture the line if it is marked ACTION, record
        it if it is a roll line ended by this Enter."""
        if not self.context.editable or self.context.header is None:
            return False
        text, cursor = line_under_cursor(self.editor)
        if not has_action_marker(text):
            if has_roll_marker(text) and at_line_end(self.editor):
                return self.roll.capture_typed_roll(text)
            if at_line_end(self.editor):
                return self._capture_next_meeting(text)
            return False  # the usual Enter: no look-up of people on the typing path
        draft = parse_action_line(text, meeting_date=self.context.header.date,
                                  known_owners=self._owner_words())
        if draft is None:
            return False
        return self._capture(draft, cursor, keep_line=True)

    def _capture_next_meeting(self, text: str) -> bool:
        """A line giving the next meeting fills the header's (the line stays): True when
        it did, the Enter then done here in the same undo step."""
        header = self.context.header
        assert header is not None
        draft = parse_next_meeting_line(
            text, meeting_date=header.date,
            item_title=self._titles.get(self.context.current_item_id or -1, ""))
        if draft is None:
            return False
        self.context.autosave.flush()  # a venue being typed in the header goes first
        header = self.context.header
        assert header is not None
        before = {field: getattr(header, field) for field in NEXT_MEETING_FIELDS}
        after = self._filled(before, draft)
        if after == before:
            self.context.notice.emit(f"Next meeting already {next_meeting_words(before)}.")
            return False
        changed = self._set_next_meeting(header, before, after)
        if changed is None:
            return False
        was = before["next_meeting_date"]
        if was is not None and was != draft.date:
            self.context.notice.emit(
                f"Next meeting changed from {next_meeting_words(before)} to "
                f"{next_meeting_words(after)} \u2013 Ctrl+Z to undo.")
        else:
            self.context.notice.emit(
                f"Next meeting: {next_meeting_words(after)} \u2013 Ctrl+Z to undo.")
        return True

    @staticmethod
    def _filled(before: dict[str, Any], draft: NextMeetingDraft) -> dict[str, Any]:
        """What the line gives replaces what was there; what it leaves out stays."""
        return {"next_meeting_date": draft.date,
                "next_meeting_time": draft.time if draft.time is not None
                else before["next_meeting_time"],
                "next_meeting_venue": draft.venue or before["next_meeting_venue"]}

    def _set_next_meeting(self, header: MeetingHeader, before: dict[str, Any],
                          after: dict[str, Any]) -> MeetingHeader | None:
        stack = self.context.undo_stack
        stack.beginMacro("Fill in the next meeting")
        try:
            changed = self.context.apply(meetings.update_header, header.id,
                                         expected_version=header.version, **after)
            if changed is None:
                return None
            self.context.set_header(changed)
            stack.push(NextMeetingFilled(self.context, header.id, before, after))
            new_paragraph(self.editor)
        finally:
            stack.endMacro()
        return changed

    def _refused(self) -> bool:
        """The minutes cannot be changed: the notes say why, as for a key typed there."""
        if self.context.editable:
            return False
        self.editor.edit_refused.emit()
        return True

    def line_to_action(self) -> None:
        """Ctrl+Shift+K: the current line or selection becomes an action, marked or not."""
        if self._refused() or self.context.header is None:
            return
        text, cursor = line_under_cursor(self.editor)
        if not text:
            return
        draft = parse_action_line(text, meeting_date=self.context.header.date,
                                  known_owners=self._owner_words(), require_marker=False)
        if draft is not None:
            self._capture(draft, cursor, keep_line=False)

    def _capture(self, draft: ActionDraft, cursor: QTextCursor,
                 *, keep_line: bool) -> bool:
        stack = self.context.undo_stack
        stack.beginMacro(f"Capture action \u201c{draft.text[:40]}\u201d")
        try:
            row = self.context.apply(actions.capture_action, self.context.meeting_id,
                                     draft.text, owner_text=draft.owner_text,
                                     due_date=draft.due_date, due_text=draft.due_text,
                                     item_id=self.context.current_item_id)
            if row is None:
                return False
            remove_line(cursor, keep_line=keep_line)
            stack.push(ActionCaptured(self.context, row.id, row.text))
        finally:
            stack.endMacro()
        self.context.refresh_actions()
        owner = f" for {row.owner_text}" if row.owner_text else ""
        due = f", due {row.due_label}" if row.due_label else ""
        self.context.error.emit(f"Action captured{owner}{due} \u2013 Ctrl+Z to undo.")
        return True

    def line_to_decision(self) -> None:
        """Ctrl+Shift+R: the current line or selection becomes a decision where it stands,
        in the clerk's words (a marked passage, see domain/decision_marks.py); on an
        empty line the decision typed in the dialog is written there. One undo step."""
        if self._refused() or self.context.current_item_id is None:
            return
        text, cursor = line_under_cursor(self.editor)
        already = decisions_in(cursor)
        if already:
            self.context.error.emit(
                "Those words are already a decision (in the list under the notes: Enter "
                "there records how members voted, Delete takes the decision off them).")
            return
        draft = parse_decision_line(text) if text else None
        kind = draft.kind if draft else DecisionKind.RESOLVED
        item_id = self.context.current_item_id
        dialog = DecisionDialog(self.context.run(people.list_people) or [], kind, text,
                                self.parent,
                                voters=self.context.run(decisions.eligible_voters, item_id))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        words = str(values.pop("text"))
        if not text and parse_decision_line(words) is None:
            # Typed in the dialog alone: written as minutes word it ("RESOLVED that ...").
            words = format_decision_line(DecisionDraft(DecisionKind(str(values["kind"])),
                                                       words))
        stack = self.context.undo_stack
        stack.beginMacro("Record decision")
        try:
            row: DecisionRow | None = self.context.apply(
                decisions.record_decision, item_id, text=words, in_notes=True, **values)
            if row is not None and dialog.recorded_vote():
                row = self.context.apply(decisions.record_named_vote, row.id,
                                         dialog.recorded_vote()) or row
            if row is None:
                return
            self._mark_passage(cursor, text, words, row.uid)
            stack.push(DecisionRecorded(self.context, row))
        finally:
            stack.endMacro()
        self.context.decisions_changed.emit(row.item_id)
        self.context.error.emit("Decision recorded where it stands in the notes "
                                "\u2013 Ctrl+Z to undo.")

    def _mark_passage(self, cursor: QTextCursor, text: str, words: str, uid: str) -> None:
        """Mark the words under ``cursor`` (``text``) as the passage of decision ``uid``,
        writing ``words`` in their place if the dialog changed them; the caret after it."""
        cursor.beginEditBlock()
        if words != text:
            start = cursor.selectionStart()
            cursor.insertText(words)
            cursor.setPosition(start)
            cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
        mark_decision(cursor, uid)
        cursor.endEditBlock()
        cursor.setPosition(cursor.selectionEnd())
        self.editor.setTextCursor(cursor)

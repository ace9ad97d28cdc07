"""The roll call typed in the notes: "Apologies: Cllrs Dakin, Mackay and Turley", Enter.

Enter at the end of a roll line (domain/roll_call.py has the grammar) records the
attendance it states and then starts the next paragraph, both in one undo step:
Ctrl+Z takes the attendance back and leaves the cursor at the end of the line,
to be corrected and entered again. The line itself stays in the minutes, which
print the apologies and substitutes under their item as typed. The attendance
window follows through the context's signals; the status bar says what was
recorded, who is new to the book and what was not understood.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QUndoCommand
from PySide6.QtWidgets import QTextEdit

from minute_taker.domain.roll_call import Problem, RollKind, has_roll_marker
from minute_taker.services import roll_call
from minute_taker.ui.context import MeetingContext

KIND_WORDS = {RollKind.PRESENT: "present", RollKind.ALSO_PRESENT: "also present",
              RollKind.IN_ATTENDANCE: "in attendance", RollKind.APOLOGIES: "apologies",
              RollKind.ABSENT: "absent", RollKind.SUBSTITUTES: "substitutes"}


class RollCallRecorded(QUndoCommand):
    """A roll line's attendance; the first ``redo`` (on push) is skipped, it is done."""

    def __init__(self, context: MeetingContext, result: roll_call.RollRecorded) -> None:
        super().__init__(f"Record the roll call ({KIND_WORDS[result.kind]})")
        self.context = context
        self.snapshot = result.snapshot
        self._pushed = True

    def undo(self) -> None:
        self.context.attempt(roll_call.undo_roll, self.snapshot)
        self._refresh()

    def redo(self) -> None:
        if self._pushed:
            self._pushed = False
            return
        snapshot = self.context.apply(roll_call.redo_roll, self.snapshot)
        if snapshot is not None:
            self.snapshot = snapshot
        self._refresh()

    def _refresh(self) -> None:
        if self.snapshot.people:
            self.context.people_changed.emit()
        self.context.attendance_changed.emit()


def at_line_end(editor: QTextEdit) -> bool:
    """Enter ends the line (nothing selected, only spaces after the cursor): it does
    not split a line being corrected."""
    cursor = editor.textCursor()
    rest = cursor.block().text()[cursor.positionInBlock():]
    return not cursor.hasSelection() and not rest.strip()


class RollCapture:
    def __init__(self, context: MeetingContext, shown_editor: Callable[[], QTextEdit]) -> None:
        self.context = context
        self._shown_editor = shown_editor

    @property
    def editor(self) -> QTextEdit:
        """The notes editor on show (a long item has its own)."""
        return self._shown_editor()

    def capture_typed_roll(self, text: str) -> bool:
        """Called as Enter is pressed at the end of ``text``: True when the line recorded
        attendance (the Enter is then done here, in the same undo step)."""
        meeting_id = self.context.meeting_id
        if meeting_id is None or not has_roll_marker(text):
            return False
        result = self.context.apply(roll_call.record_roll_line, meeting_id, text)
        if result is None:
            return False
        if not result.snapshot.changed:
            if any(r.problem is not Problem.NOT_A_NAME for r in result.reports):
                self._tell(result)
            return False  # "Apologies: none", prose after a label, or recorded already
        stack = self.context.undo_stack
        stack.beginMacro(f"Record the roll call ({KIND_WORDS[result.kind]})")
        try:
            stack.push(RollCallRecorded(self.context, result))
            self._new_paragraph()
        finally:
            stack.endMacro()
        if result.new_people:
            self.context.people_changed.emit()
        self.context.attendance_changed.emit()
        self._tell(result)
        return True

    def _new_paragraph(self) -> None:
        """What Enter does in the editor, without asking the editor again."""
        enter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return,
                          Qt.KeyboardModifier.NoModifier, "\r")
        QTextEdit.keyPressEvent(self.editor, enter)

    def _tell(self, result: roll_call.RollRecorded) -> None:
        parts = []
        if result.recorded:
            parts.append(f"Roll call, {KIND_WORDS[result.kind]}: {', '.join(result.recorded)}.")
        if result.new_people:
            parts.append(f"New in the book: {', '.join(result.new_people)}.")
        if result.reports:
            parts.append("Not recorded: " + "; ".join(r.message for r in result.reports) + ".")
        if result.snapshot.changed:
            parts.append("Ctrl+Z to undo.")
        message = " ".join(parts)
        if result.reports:
            self.context.error.emit(message)  # the attendance panel shows it too
        else:
            self.context.notice.emit(message)

"""One undo history per meeting: typing, agenda changes and actions, in the order done.

Each command calls services in ``redo``/``undo`` (orange-canvas style). Text
edits stay in each item's own QTextDocument, whose undo steps are mirrored here
as proxies, so Ctrl+Z walks back through typing and structure alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QTextDocument, QUndoCommand

from minute_taker.domain.agenda_import import ReadAgenda
from minute_taker.domain.records import DecisionRow
from minute_taker.services import agenda, agenda_import, decisions, history
from minute_taker.ui.context import MeetingContext


class _ContextCommand(QUndoCommand):
    """A command whose first ``redo`` (when pushed) is skipped: the change is already made."""

    def __init__(self, context: MeetingContext, text: str) -> None:
        super().__init__(text)
        self.context = context
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.apply_redo()

    def apply_redo(self) -> None:
        raise NotImplementedError


class ItemAdded(_ContextCommand):
    def __init__(self, context: MeetingContext, item_id: int, title: str) -> None:
        super().__init__(context, f"Add item \u201c{title}\u201d")
        self.item_id = item_id
        self.snapshot: history.ItemSnapshot | None = None

    def undo(self) -> None:
        self.context.autosave.flush()  # the snapshot holds every word typed into it
        self.snapshot = self.context.apply(history.delete_item, self.item_id)
        self.context.agenda_restructured(None)

    def apply_redo(self) -> None:
        if self.snapshot is not None:
            self.context.apply(history.restore_item, self.snapshot)
        self.context.agenda_restructured(self.item_id)


class ItemDeleted(_ContextCommand):
    def __init__(self, context: MeetingContext, item_id: int, title: str,
                 snapshot: history.ItemSnapshot) -> None:
        super().__init__(context, f"Delete item \u201c{title}\u201d")
        self.item_id = item_id
        self.snapshot = snapshot

    def undo(self) -> None:
        self.context.apply(history.restore_item, self.snapshot)
        self.context.agenda_restructured(self.item_id)

    def apply_redo(self) -> None:
        self.context.autosave.flush()
        snapshot = self.context.apply(history.delete_item, self.item_id)
        if snapshot is not None:
            self.snapshot = snapshot
        self.context.agenda_restructured(None)


class ItemMoved(_ContextCommand):
    """Indent, outdent, up, down, drag: from one (parent, position) to another."""

    def __init__(self, context: MeetingContext, item_id: int, text: str,
                 before: tuple[int | None, int], after: tuple[int | None, int]) -> None:
        super().__init__(context, text)
        self.item_id, self.before, self.after = item_id, before, after

    def undo(self) -> None:
        self.context.apply(agenda.move_item, self.item_id, *self.before)
        self.context.agenda_restructured(self.item_id)

    def apply_redo(self) -> None:
        self.context.apply(agenda.move_item, self.item_id, *self.after)
        self.context.agenda_restructured(self.item_id)


class FieldsChanged(_ContextCommand):
    """Changed fields of an item or an action: ``update(id, **fields)`` both ways, each
    made on the row's version as this window left it (``version``: after the change), so
    an undo never writes over what another clerk changed since (the window's banner says
    so instead, and the step is not made)."""

    def __init__(self, context: MeetingContext, text: str, update: Callable[..., Any],
                 target_id: int, before: dict[str, Any], after: dict[str, Any],
                 refresh: Callable[[], None], version: int | None = None) -> None:
        super().__init__(context, text)
        self.update, self.target_id = update, target_id
        self.before, self.after, self.refresh = before, after, refresh
        self.version = version

    def undo(self) -> None:
        self._set(self.before)

    def apply_redo(self) -> None:
        self._set(self.after)

    def _set(self, fields: dict[str, Any]) -> None:
        done = self.context.apply(self.update, self.target_id,
                                  expected_version=self.version, **fields)
        if done is not None:
            self.version = done.version
        self.refresh()


class ActionCaptured(_ContextCommand):
    def __init__(self, context: MeetingContext, action_id: int, text: str) -> None:
        super().__init__(context, f"Capture action \u201c{text[:40]}\u201d")
        self.action_id = action_id
        self.snapshot: history.ActionSnapshot | None = None

    def undo(self) -> None:
        self.snapshot = self.context.apply(history.delete_action, self.action_id)
        self.context.refresh_actions()

    def apply_redo(self) -> None:
        if self.snapshot is not None:
            self.context.apply(history.restore_action, self.snapshot)
        self.context.refresh_actions()


class ActionDeleted(_ContextCommand):
    def __init__(self, context: MeetingContext, action_id: int,
                 snapshot: history.ActionSnapshot) -> None:
        super().__init__(context, "Delete action")
        self.action_id, self.snapshot = action_id, snapshot

    def undo(self) -> None:
        self.context.apply(history.restore_action, self.snapshot)
        self.context.refresh_actions()

    def apply_redo(self) -> None:
        snapshot = self.context.apply(history.delete_action, self.action_id)
        if snapshot is not None:
            self.snapshot = snapshot
        self.context.refresh_actions()


class TextEdited(QUndoCommand):
    """A proxy for one undo step of an item's QTextDocument."""

    def __init__(self, context: MeetingContext, item_id: int, document: QTextDocument,
                 number: str) -> None:
        super().__init__(f"Typing in item {number}")
        self.context, self.item_id, self.document = context, item_id, document
        self._pushed = True

    def undo(self) -> None:
        self.context.show_item_request.emit(self.item_id)
        self.document.undo()

    def redo(self) -> None:
        if self._pushed:
            self._pushed = False
            return
        self.context.show_item_request.emit(self.item_id)
        self.document.redo()



class DecisionRecorded(_ContextCommand):
    def __init__(self, context: MeetingContext, row: DecisionRow) -> None:
        super().__init__(context, f"Record decision \u201c{row.text[:40]}\u201d")
        self.row = row

    def undo(self) -> None:
        self.context.attempt(decisions.delete_decision, self.row.id)
        self.context.decisions_changed.emit(self.row.item_id)

    def apply_redo(self) -> None:
        row = self.context.apply(decisions.record_decision, **decision_fields(self.row))
        if row is not None and self.row.named_votes:  # the recorded vote comes back too
            row = self.context.apply(decisions.record_named_vote, row.id,
                                     list(self.row.named_votes)) or row
        if row is not None:
            self.row = row
        self.context.decisions_changed.emit(self.row.item_id)


class DecisionDeleted(DecisionRecorded):
    """The mirror image of recording: redo deletes, undo records it again."""

    def __init__(self, context: MeetingContext, row: DecisionRow) -> None:
        super().__init__(context, row)
        self.setText(f"Delete decision \u201c{row.text[:40]}\u201d")

    def undo(self) -> None:
        DecisionRecorded.apply_redo(self)

    def apply_redo(self) -> None:
        DecisionRecorded.undo(self)


class NamedVoteChanged(_ContextCommand):
    """A recorded vote taken, changed or withdrawn: the named votes both ways (the counts
    follow them; withdrawing one clears them, as they were before it)."""

    def __init__(self, context: MeetingContext, before: DecisionRow,
                 after: DecisionRow) -> None:
        super().__init__(context, "Recorded vote")
        self.decision_id, self.item_id = after.id, after.item_id
        self.before, self.after = list(before.named_votes), list(after.named_votes)

    def undo(self) -> None:
        self.context.attempt(decisions.record_named_vote, self.decision_id, self.before)
        self.context.decisions_changed.emit(self.item_id)

    def apply_redo(self) -> None:
        self.context.attempt(decisions.record_named_vote, self.decision_id, self.after)
        self.context.decisions_changed.emit(self.item_id)


def decision_fields(row: DecisionRow) -> dict[str, Any]:
    return {"item_id": row.item_id, "kind": row.kind, "text": row.text,
            "mover_id": row.mover_id, "seconder_id": row.seconder_id,
            "votes_for": row.votes_for, "votes_against": row.votes_against,
            "votes_abstained": row.votes_abstained, "not_voting": row.not_voting,
            "uid": row.uid, "in_notes": row.in_notes}


class AgendaImported(_ContextCommand):
    """An agenda imported (issue 21): one step back takes every item of it away, the
    standing items it filled in as they were, an agenda it replaced back."""

    def __init__(self, context: MeetingContext, meeting_id: int, read: ReadAgenda,
                 replace: bool, undo: agenda_import.ImportUndo, source: str) -> None:
        super().__init__(context, f"Import the agenda from {source}")
        self.meeting_id, self.read, self.replace, self.record = meeting_id, read, replace, undo

    def undo(self) -> None:
        self.context.autosave.flush()
        self.context.apply(agenda_import.undo_import, self.record)
        self.context.agenda_restructured(None)

    def apply_redo(self) -> None:
        result = self.context.apply(agenda_import.import_agenda, self.meeting_id, self.read,
                                    replace=self.replace)
        if result is not None:
            self.record = result.undo
        self.context.agenda_restructured(None)


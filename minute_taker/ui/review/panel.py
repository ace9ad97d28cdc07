"""The minute-taker's side of a review: the chair's comments and suggestions on the open
meeting, each suggestion accepted or rejected, each comment resolved."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from minute_taker.services import review
from minute_taker.services.review import CommentRow, SuggestionRow
from minute_taker.ui.colours import DIMMED
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.review.window import note_text
from minute_taker.ui.shortcuts import bind
from minute_taker.ui.widgets import named

Note = CommentRow | SuggestionRow


def note_state(row: Note) -> str:
    if isinstance(row, SuggestionRow):
        if row.pending:
            return "" if row.applies else "  [text changed since: apply by hand or reject]"
        return f"  [{row.status}]"
    return "  [resolved]" if row.resolved else ""


class ReviewPanel(QWidget):
    """Listed under the actions, as a tab: "Review (3)" while three things are open."""

    minutes_replaced = Signal(int)  # an accepted suggestion rewrote this item
    count_changed = Signal(int)

    def __init__(self, context: MeetingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.context = context
        self.list = named(QListWidget(self), "reviewList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(4)
        self.list.setAccessibleName("Review comments and suggestions")
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.list.itemActivated.connect(self._go_to_item)
        self.accept_button = self._button("Accept / resolve", "reviewAccept", self.accept,
                                          "review.accept")
        self.reject_button = self._button("Reject / reopen", "reviewReject", self.reject,
                                          "review.reject")
        self.empty = QLabel("No review comments on this meeting. Send it for review from the "
                            "Meeting menu; import the returned file there too.", self,
                            wordWrap=True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        context.meeting_changed.connect(lambda _header: self.refresh())
        self.refresh()

    def _button(self, text: str, name: str, slot: Callable[[], None],
                action_id: str) -> QPushButton:
        button = named(QPushButton(text, self), name)
        action = bind(QAction(text, self.list), action_id)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        # The button says the action's key, whichever the clerk has put it on.
        button.setToolTip(action.toolTip())
        action.changed.connect(lambda: button.setToolTip(action.toolTip()))
        button.clicked.connect(slot)
        return button

    def refresh(self) -> None:
        meeting_id = self.context.meeting_id
        rows: list[Note] = []
        if meeting_id is not None:
            rows = [*(self.context.run(review.list_comments, meeting_id) or []),
                    *(self.context.run(review.list_suggestions, meeting_id) or [])]
        current = self._current()
        self.list.clear()
        for row in sorted(rows, key=lambda r: (r.created_at, r.id)):
            entry = QListWidgetItem(note_text(row) + note_state(row))
            entry.setData(Qt.ItemDataRole.UserRole, row)
            done = (isinstance(row, SuggestionRow) and not row.pending) or \
                (isinstance(row, CommentRow) and row.resolved)
            if done:
                entry.setForeground(DIMMED.on(self.list.palette()))
            self.list.addItem(entry)
            if current is not None and (type(row), row.id) == (type(current), current.id):
                self.list.setCurrentItem(entry)
        self.empty.setVisible(not rows)
        self.list.setVisible(bool(rows))
        open_count = sum(1 for r in rows if (isinstance(r, SuggestionRow) and r.pending)
                         or (isinstance(r, CommentRow) and not r.resolved))
        self.count_changed.emit(open_count)
        self._update_buttons()

    def _current(self) -> Note | None:
        entry = self.list.currentItem()
        row = entry.data(Qt.ItemDataRole.UserRole) if entry is not None else None
        return row if isinstance(row, CommentRow | SuggestionRow) else None

    def _update_buttons(self) -> None:
        row = self._current()
        editable = self.context.editable
        # Comments are not the minutes: they are resolved after approval too.
        writable = not self.context.book.read_only
        can_accept = row is not None and (
            (isinstance(row, SuggestionRow) and editable and row.pending and row.applies)
            or (isinstance(row, CommentRow) and writable and not row.resolved))
        can_reject = row is not None and (
            isinstance(row, SuggestionRow) and editable and row.status != "accepted"
            or isinstance(row, CommentRow) and writable and row.resolved)
        self.accept_button.setEnabled(bool(can_accept))
        self.reject_button.setEnabled(bool(can_reject))

    def accept(self) -> None:
        row = self._current()
        if row is None or not self.accept_button.isEnabled():
            return
        self.context.autosave.flush()
        if isinstance(row, CommentRow):
            self.context.apply(review.resolve_comment, row.id)
        else:
            before = self.context.header.status if self.context.header else None
            if self.context.apply(review.accept_suggestion, row.id) is not None \
                    and row.item_id is not None:
                self.minutes_replaced.emit(row.item_id)
                self.context.refresh_items()
                self.context.refresh_header()
                if self.context.header and self.context.header.status != before:
                    self.context.error.emit("All suggestions accepted: the chair's approval "
                                            "has taken effect and the minutes are approved.")
                    self.context.open_meeting(self.context.meeting_id)
                    self.context.show_item_request.emit(row.item_id)
        self.refresh()
        self.list.setFocus()

    def reject(self) -> None:
        row = self._current()
        if row is None or not self.reject_button.isEnabled():
            return
        if isinstance(row, CommentRow):
            self.context.apply(review.resolve_comment, row.id, False)
        elif row.pending:
            self.context.apply(review.reject_suggestion, row.id)
        else:
            self.context.apply(review.reopen_suggestion, row.id)
        self.refresh()
        self.list.setFocus()

    def _go_to_item(self, entry: QListWidgetItem) -> None:
        row = entry.data(Qt.ItemDataRole.UserRole)
        item_id = getattr(row, "item_id", None)
        if item_id is not None:
            self.context.show_item_request.emit(item_id)

"""The action-capture panel: the meeting's actions, and a form to add one fast."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from minute_taker.domain.dates import parse_due
from minute_taker.domain.enums import ActionStatus, AttendanceStatus
from minute_taker.domain.records import ActionRow
from minute_taker.domain.rules import matters_arising_item
from minute_taker.services import actions, agenda, attendance, history, people
from minute_taker.ui.actions.history import ActionHistoryDialog
from minute_taker.ui.actions.qt_action_model import (
    DUE,
    ITEM,
    STATUS,
    TEXT,
    UPDATE,
    ActionTableModel,
)
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.row_heights import VisibleRowHeights
from minute_taker.ui.undo import ActionCaptured, ActionDeleted, FieldsChanged
from minute_taker.ui.widgets import named

ORIGIN_WIDTH = 115  # "10 Jan 2026, item 5;" on a line, the age on the next
COLUMN_PRECISION = 100  # rows a column's width is taken from (Qt's default: 1,000)
HISTORY_KEYS = "Ctrl+Shift+H"
# The Action column keeps room for this many characters, however the window is shared
# (a docked pane opened beside the panes took it down to "\u2026").
ACTION_TEXT_CHARS = 14


class OwnersCompleter(QCompleter):
    """Completes the owner being typed after the last comma: "DCC, A" offers ACC."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].lstrip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        chosen = super().pathFromIndex(index)
        widget = self.widget()  # the owners line edit
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        head = typed.rsplit(",", 1)[0] + ", " if "," in typed else ""
        return head + chosen


class StatusDelegate(QStyledItemDelegate):
    """A drop-down of the action statuses for the Status column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        for status in ActionStatus:
            combo.addItem(status.label, status.value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
                      ) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ActionPanel(QWidget):
    def __init__(self, context: MeetingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionPanel")
        self.context = context
        self.model = ActionTableModel(update=self._update, parent=self)
        self.table = self._make_table(self.model, "actionTable", "Actions of this meeting")
        delete = QAction("Delete action", self.table)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        self.table.addAction(delete)
        self.outstanding_model = ActionTableModel(update=self._update_earlier, parent=self)
        self.outstanding_table = self._make_table(
            self.outstanding_model, "outstandingTable",
            "Outstanding actions of earlier meetings")
        # Where each was raised and its age ("10 Jan 2026, item 5; open 6 months")
        # wrap in a column of their own width, leaving the action's words the room.
        outstanding_header = self.outstanding_table.horizontalHeader()
        outstanding_header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Interactive)
        outstanding_header.resizeSection(ITEM, ORIGIN_WIDTH)
        self.carry_button = named(QPushButton("Carry forward into this meeting", self),
                                  "carryForward")
        self.carry_button.setToolTip("The selected actions (or all of them) continue in this "
                                     "meeting, under its matters-arising item")
        self.carry_button.clicked.connect(self.carry_forward)
        self.history_button = named(QPushButton("History\u2026", self), "actionHistoryButton")
        self.history_button.setToolTip(
            f"Where the selected action was raised, each meeting it was carried into and "
            f"every update since ({HISTORY_KEYS})")
        self.history_button.clicked.connect(lambda: self.show_history(self.outstanding_table))
        for table in (self.table, self.outstanding_table):
            show = QAction("History of the action", table)
            show.setShortcut(QKeySequence(HISTORY_KEYS))
            show.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            show.triggered.connect(lambda _=False, t=table: self.show_history(t))
            table.addAction(show)
        earlier = QWidget(self)
        earlier_layout = QVBoxLayout(earlier)
        earlier_layout.setContentsMargins(0, 0, 0, 0)
        earlier_layout.addWidget(self.outstanding_table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.carry_button, 1)
        buttons.addWidget(self.history_button)
        earlier_layout.addLayout(buttons)
        self.tabs = named(QTabWidget(self), "actionTabs")
        self.tabs.addTab(self.table, "This meeting")
        self.tabs.addTab(earlier, "Outstanding")

        self.text_edit = QLineEdit(self)
        self.text_edit.setObjectName("actionText")
        self.text_edit.setPlaceholderText("What is to be done")
        self.owner_edit = QLineEdit(self)
        self.owner_edit.setObjectName("actionOwner")
        self.owner_edit.setPlaceholderText("Who: DCC, ACC or a name")
        self.owner_names = QStringListModel(self)
        completer = OwnersCompleter(self.owner_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.owner_edit.setCompleter(completer)
        self.due_edit = QLineEdit(self)
        self.due_edit.setObjectName("actionDue")
        self.due_edit.setPlaceholderText("By when: 31/01/2018 or \u201cend January\u201d")
        self.add_button = QPushButton("Add action", self)
        self.add_button.setObjectName("addAction")
        self.add_button.setToolTip("Add the action to the current item (Enter)")
        self.add_button.clicked.connect(self.add_action)
        for edit in (self.text_edit, self.owner_edit, self.due_edit):
            edit.returnPressed.connect(self.add_action)

        form = QFormLayout()
        form.addRow("Acti&on", self.text_edit)
        form.addRow("O&wner", self.owner_edit)
        form.addRow("D&ue", self.due_edit)
        form.addRow("", self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Actions</b>", self))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(form)

        context.actions_changed.connect(self._show_actions)
        context.meeting_changed.connect(self._on_meeting_changed)
        context.people_changed.connect(self._load_owner_names)
        context.attendance_changed.connect(self._load_owner_names)

    def readable_width(self) -> int:
        """The least width at which the table of the tab on show has ACTION_TEXT_CHARS
        of the action's words beside its other columns: what the window takes from the
        panel only when nothing else is left to take (``MainWindow._keep_the_notes_wide``)."""
        least = self.minimumSizeHint().width()
        shown = self.tabs.currentWidget()
        table = next((table for table in (self.table, self.outstanding_table)
                      if shown is not None and shown.isAncestorOf(table)), None)
        if table is None:
            return least
        header = table.horizontalHeader()
        others = sum(header.sectionSize(column) for column in range(header.count())
                     if column != TEXT and not header.isSectionHidden(column))
        text = table.fontMetrics().averageCharWidth() * ACTION_TEXT_CHARS
        frame = self.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth) + 1
        chrome = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width() \
            + 2 * frame
        return max(least, others + text + chrome)

    def _make_table(self, model: ActionTableModel, name: str, accessible: str) -> QTableView:
        table = named(QTableView(self), name)
        table.setModel(model)
        table.setItemDelegateForColumn(STATUS, StatusDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        # Whole action texts, wrapped: rows grow to fit rather than truncating (those in
        # view: measuring all of them made a long meeting slow to open).
        VisibleRowHeights(table)
        header = table.horizontalHeader()
        # Columns as wide as their widest entry among the first rows, not all of them.
        header.setResizeContentsPrecision(COLUMN_PRECISION)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((DUE, 95), (UPDATE, 120)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.AnyKeyPressed)
        table.setAccessibleName(accessible)
        return table

    def _show_actions(self, rows: list[ActionRow]) -> None:
        self.model.set_actions(rows)
        # The Update column is for actions carried forward; otherwise it only takes room.
        wanted = any(r.carried_from_id is not None for r in rows)
        self.table.setColumnHidden(UPDATE, not wanted)

    def refresh_outstanding(self) -> None:
        meeting_id = self.context.meeting_id
        rows = self.context.run(actions.list_outstanding, meeting_id) if meeting_id else []
        self.outstanding_model.set_actions(rows or [])
        self.tabs.setTabText(1, f"Outstanding ({len(rows or [])})")
        self.carry_button.setEnabled(bool(rows) and self.context.editable)
        self.history_button.setEnabled(bool(rows))

    def _update_earlier(self, action_id: int, **changes: object) -> ActionRow | None:
        # Its status and the update given go to the register, beside the minutes that
        # raised it (approved or not, they are not changed); its wording, owners and due
        # date are the minutes' own, changed there while they are a draft.
        progress = {key: changes.pop(key) for key in ("status", "update") if key in changes}
        updated = None
        if progress:
            updated = self.context.apply(actions.record_progress, action_id,
                                         status=progress.get("status"),
                                         note=progress.get("update"))
        if changes:
            updated = self.context.apply(actions.update_action, action_id, **changes)
        # Not while the model is inside setData: a done action leaves the list.
        QTimer.singleShot(0, self.refresh_outstanding)
        return updated

    def show_history(self, table: QTableView) -> None:
        """The history of the action at the table's current row (the first, if none is)."""
        model = table.model()
        assert isinstance(model, ActionTableModel)
        if model.rowCount() == 0:
            return
        row = max(table.currentIndex().row(), 0)
        action = model.action(row)
        events = self.context.run(actions.action_history, action.id)
        if events is None:
            return
        ActionHistoryDialog(action, events, self).exec()
        table.setFocus()

    def carry_forward(self) -> None:
        meeting_id = self.context.meeting_id
        if meeting_id is None or not self.context.editable:
            return
        rows = {i.row() for i in self.outstanding_table.selectionModel().selectedRows()}
        chosen = [self.outstanding_model.action(r).id
                  for r in (sorted(rows) or range(self.outstanding_model.rowCount()))]
        if not chosen:
            return
        target = matters_arising_item(self.context.run(agenda.list_items, meeting_id) or [])
        item_id = target.id if target else self.context.current_item_id
        carried = self.context.apply(actions.carry_forward, meeting_id, chosen, item_id)
        if carried is not None:
            self.context.refresh_actions()
            self.refresh_outstanding()
            self.tabs.setCurrentIndex(0)
            where = f" under item {target.number}" if target else ""
            self.context.error.emit(f"{len(carried)} action(s) carried forward{where}; "
                                    "record the update given in the Update column.")

    def _meeting_date(self) -> dt.date | None:
        """What "+14", "tomorrow" and "31 Jan" in a due date count from."""
        return self.context.header.date if self.context.header else None

    def _on_meeting_changed(self, _header: object) -> None:
        editable = self.context.editable
        self.model.set_editable(editable)
        self.model.meeting_date = self._meeting_date()
        for widget in (self.text_edit, self.owner_edit, self.due_edit, self.add_button):
            widget.setEnabled(editable)
        self._load_owner_names()
        self.refresh_outstanding()

    def _load_owner_names(self) -> None:
        """Those at the meeting first (as the minutes name them), then everyone else."""
        everyone = self.context.run(people.list_people) or []
        meeting_id = self.context.meeting_id
        present = {r.person_id for r in (self.context.run(attendance.list_attendance,
                                                         meeting_id) or [])
                   if r.status is AttendanceStatus.PRESENT} if meeting_id else set()
        labels: list[str] = []
        for group in ([p for p in everyone if p.id in present],
                      [p for p in everyone if p.id not in present]):
            for label in sorted({p.owner_label for p in group} | {p.name for p in group}):
                if label not in labels:
                    labels.append(label)
        self.owner_names.setStringList(labels)

    def _update(self, action_id: int, **changes: object) -> ActionRow | None:
        row = self.model.action(self.model.row_of(action_id))
        updated = self.context.apply(actions.update_action, action_id,
                                     expected_version=row.version, **changes)
        if updated is not None:
            before = {key: getattr(row, key) for key in changes}
            self.context.undo_stack.push(FieldsChanged(
                self.context, "Change action", actions.update_action, action_id, before,
                dict(changes), self.context.refresh_actions, version=updated.version))
        return updated

    def delete_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.context.editable:
            return
        action_id = self.model.action(index.row()).id
        snapshot = self.context.apply(history.delete_action, action_id)
        if snapshot is not None:
            self.context.undo_stack.push(ActionDeleted(self.context, action_id, snapshot))
            self.context.refresh_actions()
            self.context.error.emit("Action deleted \u2013 Ctrl+Z brings it back.")

    def add_action(self) -> None:
        if self.context.meeting_id is None or not self.text_edit.text().strip():
            self.text_edit.setFocus()
            return
        due_date, due_text = parse_due(self.due_edit.text(), meeting_date=self._meeting_date())
        row = self.context.apply(actions.capture_action, self.context.meeting_id,
                               self.text_edit.text(), owner_text=self.owner_edit.text(),
                               due_date=due_date, due_text=due_text,
                               item_id=self.context.current_item_id)
        if row is None:
            return
        self.context.undo_stack.push(ActionCaptured(self.context, row.id, row.text))
        for edit in (self.text_edit, self.owner_edit, self.due_edit):
            edit.clear()
        self.context.refresh_actions()
        self.table.scrollToBottom()
        self.text_edit.setFocus()

    def focus_capture(self) -> None:
        self.text_edit.setFocus()
        self.text_edit.selectAll()

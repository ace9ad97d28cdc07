"""The action-capture panel: the meeting's actions, and a form to add one fast."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from minute_taker.domain.dates import parse_due
from minute_taker.domain.enums import ActionStatus
from minute_taker.domain.records import ActionRow
from minute_taker.services import actions, history, people
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.qt_action_model import DUE, STATUS, TEXT, ActionTableModel
from minute_taker.ui.undo import ActionCaptured, ActionDeleted, FieldsChanged


class StatusDelegate(QStyledItemDelegate):
    """A drop-down of the action statuses for the Status column."""

    def createEditor(self, parent, option, index):  # type: ignore[no-untyped-def]
        combo = QComboBox(parent)
        for status in ActionStatus:
            combo.addItem(status.label, status.value)
        return combo

    def setEditorData(self, editor, index) -> None:  # type: ignore[no-untyped-def]
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor, model, index) -> None:  # type: ignore[no-untyped-def]
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ActionPanel(QWidget):
    def __init__(self, context: MeetingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionPanel")
        self.context = context
        self.model = ActionTableModel(update=self._update, parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("actionTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(STATUS, StatusDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        # Whole action texts, wrapped: rows grow to fit rather than truncating.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DUE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(DUE, 110)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setAccessibleName("Actions")
        delete = QAction("Delete action", self.table)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        self.table.addAction(delete)

        self.text_edit = QLineEdit(self)
        self.text_edit.setObjectName("actionText")
        self.text_edit.setPlaceholderText("What is to be done")
        self.owner_edit = QLineEdit(self)
        self.owner_edit.setObjectName("actionOwner")
        self.owner_edit.setPlaceholderText("Who: DCC, ACC or a name")
        self.owner_names = QStringListModel(self)
        completer = QCompleter(self.owner_names, self)
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
        form.addRow("&Action", self.text_edit)
        form.addRow("&Owner", self.owner_edit)
        form.addRow("D&ue", self.due_edit)
        form.addRow("", self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Actions</b>", self))
        layout.addWidget(self.table, 1)
        layout.addLayout(form)

        context.actions_changed.connect(self.model.set_actions)
        context.meeting_changed.connect(self._on_meeting_changed)
        context.people_changed.connect(self._load_owner_names)

    def _on_meeting_changed(self, _header: object) -> None:
        editable = self.context.editable
        self.model.set_editable(editable)
        for widget in (self.text_edit, self.owner_edit, self.due_edit, self.add_button):
            widget.setEnabled(editable)
        self._load_owner_names()

    def _load_owner_names(self) -> None:
        everyone = self.context.run(people.list_people) or []
        labels = sorted({p.owner_label for p in everyone} | {p.name for p in everyone})
        self.owner_names.setStringList(labels)

    def _update(self, action_id: int, **changes: object) -> ActionRow | None:
        row = self.model.action(self.model.row_of(action_id))
        updated = self.context.apply(actions.update_action, action_id, **changes)
        if updated is not None:
            before = {key: getattr(row, key) for key in changes}
            self.context.undo_stack.push(FieldsChanged(
                self.context, "Change action", actions.update_action, action_id, before,
                dict(changes), self.context.refresh_actions))
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
        due_date, due_text = parse_due(self.due_edit.text())
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

"""Declarations of interest at the open meeting: who, about which item, what, of what
nature, and during which item it was declared (where the minutes print it)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from minute_taker.domain.records import DeclarationRow, ItemNode, PersonInfo
from minute_taker.services import attendance
from minute_taker.ui.attendance.choice_delegate import ChoiceDelegate
from minute_taker.ui.attendance.qt_attendance_model import (
    INTEREST,
    ITEM,
    MADE_AT,
    NONE_ID,
    WHO,
    DeclarationTableModel,
)
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.pane_keys import PaneKeys
from minute_taker.ui.widgets import named

# A declaration recorded with no item it was made at: printed where the house style puts
# declarations (the section after the attendance, or under the item it is about).
MADE_AT_NONE = "(where the house style puts it)"

NATURES = ("Disclosable pecuniary", "Other registrable", "Non-registrable", "Pecuniary",
           "Non-pecuniary", "Personal", "Prejudicial")


def item_choices(items: Sequence[ItemNode], none_label: str) -> list[tuple[str, int]]:
    """(label, id) pairs for a drop-down of agenda items, "no item" first."""
    return [(none_label, NONE_ID)] + [
        (f"{'    ' * item.depth}{item.number}  {item.title}", item.id) for item in items]


class DeclarationsPage(QWidget):
    def __init__(self, context: MeetingContext, keys: PaneKeys,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("declarationsPage")
        self.context = context
        self._items: list[ItemNode] = []
        self._everyone: list[PersonInfo] = []

        self.who = named(QComboBox(self, editable=True), "declarationWho")
        self.who.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        who_completer, who_edit = self.who.completer(), self.who.lineEdit()
        assert who_completer is not None and who_edit is not None  # the combo is editable
        who_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        who_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        who_edit.setPlaceholderText("Who declares")
        self.item = named(QComboBox(self), "declarationItem")
        # As wide as the panel allows, not as the longest title: the panel docks narrow.
        self.item.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.item.setMinimumContentsLength(24)
        self.interest = named(QLineEdit(self), "declarationInterest")
        self.interest.setPlaceholderText("The interest, e.g. trustee of a victims' charity")
        self.nature = named(QComboBox(self, editable=True), "declarationNature")
        self.nature.addItems(["", *NATURES])
        self.nature.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        nature_edit = self.nature.lineEdit()
        assert nature_edit is not None  # the combo is editable
        nature_edit.setPlaceholderText("Optional")
        # After the nature in the Tab order, as in the form: rarely changed from the item
        # under discussion.
        self.made_at = named(QComboBox(self), "declarationMadeAt")
        self.made_at.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.made_at.setMinimumContentsLength(24)
        self.made_at.setToolTip("The item under discussion when it was declared: the "
                                "minutes print the declaration there")
        self.add_button = named(QPushButton("Add declaration", self), "addDeclaration")
        self.add_button.clicked.connect(self.add_declaration)
        self.interest.returnPressed.connect(self.add_declaration)
        nature_edit.returnPressed.connect(self.add_declaration)
        self.remove_button = named(QPushButton("Remove declaration", self), "removeDeclaration")
        self.remove_button.clicked.connect(self.remove_selected)

        self.model = DeclarationTableModel(update=self._update, parent=self)
        self.table = named(QTableView(self), "declarationTable")
        self.table.setModel(self.model)
        self.table.setAccessibleName("Declarations of interest")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(INTEREST, QHeaderView.ResizeMode.Stretch)
        # An item's number and the start of its title: a long title must not push the
        # interest out of a narrow docked panel (the whole title is in the tooltip).
        item_width = self.fontMetrics().horizontalAdvance("5.1.2  Putting victims fir")
        for column in (ITEM, MADE_AT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, item_width)
        self.table.setItemDelegateForColumn(WHO, ChoiceDelegate(
            lambda: [(p.display_name, p.id) for p in self._everyone], self.table,
            searchable=True))
        self.table.setItemDelegateForColumn(ITEM, ChoiceDelegate(
            lambda: item_choices(self._items, "(no particular item)"), self.table))
        self.table.setItemDelegateForColumn(MADE_AT, ChoiceDelegate(
            lambda: item_choices(self._items, MADE_AT_NONE), self.table))
        for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # as in the fields above it
            add = QShortcut(QKeySequence(enter), self.made_at)
            add.setContext(Qt.ShortcutContext.WidgetShortcut)
            add.activated.connect(self.add_declaration)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)

        form = QFormLayout()
        for text, letter, widget in (("Who", "w", self.who), ("About item", "i", self.item),
                                     ("Interest", "r", self.interest),
                                     ("Nature", "u", self.nature),
                                     ("Declared during", "l", self.made_at)):
            label = QLabel(self)
            keys.label(label, text, letter, widget)
            form.addRow(label, widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        table_label = QLabel(self)
        keys.label(table_label, "Declared at this meeting \u2014 F2 to edit a cell, Delete to "
                   "remove", "g", self.table)
        table_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)

    # -- showing -------------------------------------------------------------
    def show_meeting(self) -> None:
        editable = self.context.editable
        self.model.set_editable(editable)
        for widget in (self.who, self.item, self.interest, self.nature, self.made_at,
                       self.add_button, self.remove_button):
            widget.setEnabled(editable)

    def set_items(self, items: Sequence[ItemNode]) -> None:
        self._items = list(items)
        self.model.set_item_labels({i.id: f"{i.number} {i.title}" for i in self._items})
        self._fill_items()

    def _fill_items(self) -> None:
        for box, none_label in ((self.item, "(no particular item)"),
                                (self.made_at, MADE_AT_NONE)):
            box.clear()
            for label, item_id in item_choices(self._items, none_label):
                box.addItem(label, item_id)
        self.follow_current_item()

    def follow_current_item(self) -> None:
        """A declaration is usually made on the item under discussion, about that item:
        offer it first for both (at the declarations item, the clerk changes what it is
        about, and the minutes say "declared an interest in item 7" there)."""
        for box in (self.item, self.made_at):
            box.setCurrentIndex(max(0, box.findData(self.context.current_item_id)))

    def set_people(self, everyone: Sequence[PersonInfo]) -> None:
        self._everyone = list(everyone)
        typed = self.who.currentText()
        self.who.clear()
        for person in self._everyone:
            self.who.addItem(person.display_name, person.id)
        self.who.setEditText(typed)

    def reload(self) -> None:
        meeting_id = self.context.meeting_id
        rows = self.context.run(attendance.list_declarations, meeting_id) if meeting_id else []
        self.model.set_rows(rows or [])

    # -- editing -------------------------------------------------------------
    def _update(self, declaration_id: int, **changes: object) -> DeclarationRow | None:
        return self.context.apply(attendance.update_declaration, declaration_id, **changes)

    def add_declaration(self) -> None:
        meeting_id = self.context.meeting_id
        if meeting_id is None:
            return
        index = self.who.findText(self.who.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        if index < 0:
            self.context.error.emit("Choose who declares from the people in the book "
                                    "(add them on the Attendance tab first).")
            self.who.setFocus()
            return
        if not self.interest.text().strip():
            self.context.error.emit("Say what the interest is.")
            self.interest.setFocus()
            return
        item_id = self.item.currentData() or None
        row = self.context.apply(attendance.add_declaration, meeting_id,
                                 self.who.itemData(index), self.interest.text(),
                                 item_id=item_id, nature=self.nature.currentText(),
                                 made_at_item_id=self.made_at.currentData() or None)
        if row is None:
            return
        self.reload()
        self.who.setEditText("")
        self.interest.clear()
        self.nature.setCurrentIndex(0)
        self.table.selectRow(self.model.row_of(row.id))
        self.who.setFocus()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()},
                      reverse=True)
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        for row in rows:
            self.context.apply(attendance.remove_declaration, self.model.declaration(row).id)
        self.reload()
        if self.model.rowCount():
            self.table.selectRow(min(rows[-1] if rows else 0, self.model.rowCount() - 1))
        self.table.setFocus()

"""A drop-down editor for table cells that hold one of a list of choices.

The choices come from a callable, so a list that changes (the agenda, the people
in the book) is read afresh each time a cell is edited.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

Choices = Callable[[], Sequence[tuple[str, Any]]]


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell with a combo box of (label, value) pairs; the value goes to the model.

    ``searchable`` makes the combo editable with completion, for long lists such as
    everyone in the book: type a few letters, then Enter.
    """

    def __init__(self, choices: Choices, parent: QWidget | None = None, *,
                 searchable: bool = False) -> None:
        super().__init__(parent)
        self._choices = choices
        self._searchable = searchable

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        for label, value in self._choices():
            combo.addItem(label, value)
        if self._searchable:
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = combo.completer()
            assert completer is not None  # an editable combo has one
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
                      ) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        line_edit = editor.lineEdit()
        if line_edit is not None:  # only an editable combo has one
            line_edit.selectAll()  # typing replaces the current choice

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        row = editor.currentIndex()
        if editor.isEditable():
            # What was typed decides, not what the list last highlighted.
            row = editor.findText(editor.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        if row < 0:
            return
        if editor.itemData(row) != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, editor.itemData(row), Qt.ItemDataRole.EditRole)

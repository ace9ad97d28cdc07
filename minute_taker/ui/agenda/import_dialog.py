"""The agenda read from a file or the clipboard, shown before anything changes (issue 21).

A tree of the items read (the number printed, the title, the presenter, the agenda text,
the papers), corrected by keyboard: F2 renames, Delete drops a line (what was below it
moves up), Ctrl+J joins a line with the next (a title broken over two), Tab and
Shift+Tab (or Ctrl+Shift+I / Ctrl+Shift+O, as in the agenda) move a line a level down
or up. Then the items go after the meeting's standing items, or in place of its agenda.
The corrections are the domain's (``domain/agenda_import``); this only shows them.
"""

from __future__ import annotations

import dataclasses

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from minute_taker.domain import agenda_import as reading
from minute_taker.domain.agenda_import import AgendaLine, ReadAgenda
from minute_taker.domain.errors import ValidationError
from minute_taker.services import agenda_import
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.undo import AgendaImported
from minute_taker.ui.widgets import named

KEYS_HELP = ("F2 renames \u00b7 Delete drops a line \u00b7 Ctrl+J joins it with the next \u00b7 "
             "Tab / Shift+Tab: a level down / up")
COLUMNS = ("No.", "Item", "Presenter", "Agenda text and papers")


class _Tree(QTreeWidget):
    """The items read; the correcting keys go to the dialog."""

    def __init__(self, dialog: AgendaImportDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    def event(self, event: QEvent) -> bool:
        # Tab and Shift+Tab change a line's level here: seen before the focus moves on.
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) \
                and self.dialog.correct(event):
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.dialog.correct(event):
            super().keyPressEvent(event)


class AgendaImportDialog(QDialog):
    def __init__(self, agenda: ReadAgenda, source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaImportDialog")
        self.setWindowTitle(f"Import the agenda \u2013 {source}")
        self.lines: list[AgendaLine] = list(agenda.items)
        self.source = source
        self.summary = named(QLabel(self), "agendaImportSummary")
        self.summary.setWordWrap(True)
        self.tree = named(_Tree(self), "agendaImportTree")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setAccessibleName("Agenda items read")
        self.tree.setAccessibleDescription(KEYS_HELP)
        self.tree.setToolTip(KEYS_HELP)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.setTabKeyNavigation(False)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.resizeSection(3, 260)
        self.tree.itemChanged.connect(self._renamed)
        tree_label = QLabel("I&tems read (" + KEYS_HELP + ")", self)
        tree_label.setBuddy(self.tree)
        tree_label.setWordWrap(True)
        self.after_standing = named(QRadioButton("&Add after the meeting's standing items",
                                                 self), "agendaImportAdd")
        self.replace_all = named(QRadioButton("&Replace the meeting's agenda (only if nothing "
                                              "is minuted yet)", self), "agendaImportReplace")
        self.after_standing.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button: QPushButton = buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(tree_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.after_standing)
        layout.addWidget(self.replace_all)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self._show(0)
        self.tree.setFocus()

    # -- what the window reads back --------------------------------------------

    @property
    def replace(self) -> bool:
        return self.replace_all.isChecked()

    def agenda(self) -> ReadAgenda:
        return reading.agenda_of(self.lines)

    # -- showing ---------------------------------------------------------------

    def _show(self, current: int) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        parents: list[QTreeWidgetItem] = []
        rows: list[QTreeWidgetItem] = []
        for line in self.lines:
            titles = "; ".join(paper.title + (f" ({paper.format})" if paper.format else "")
                               for paper in line.papers)
            notes = " \u00b7 ".join(part for part in (
                line.description.replace("\n", " "), f"Papers: {titles}" if titles else "")
                if part)
            row = QTreeWidgetItem([line.number, line.title, line.presenter or "", notes])
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsEditable)
            row.setToolTip(3, line.description)
            del parents[line.level:]
            if parents:
                parents[-1].addChild(row)
            else:
                self.tree.addTopLevelItem(row)
            parents.append(row)
            rows.append(row)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self._rows = rows
        if rows:
            self.tree.setCurrentItem(rows[max(0, min(current, len(rows) - 1))], 1)
        papers = sum(len(line.papers) for line in self.lines)
        self.summary.setText(
            f"{len(self.lines)} item{'s' if len(self.lines) != 1 else ''}"
            + (f" and {papers} paper{'s' if papers != 1 else ''}" if papers else "")
            + f" read from {self.source}. Nothing changes until you press Import.")
        self.import_button.setEnabled(bool(self.lines))

    def _index(self) -> int:
        current = self.tree.currentItem()
        return self._rows.index(current) if current in self._rows else -1

    # -- correcting ------------------------------------------------------------

    def correct(self, event: QKeyEvent) -> bool:
        """A correcting key pressed in the tree: True if it was one."""
        index = self._index()
        if index < 0 or self.tree.state() == QAbstractItemView.State.EditingState:
            return False
        key, mods = event.key(), event.modifiers()
        ctrl_shift = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        if event.matches(QKeySequence.StandardKey.Delete):
            self.lines = reading.drop_line(self.lines, index)
            self._show(index)
        elif key == Qt.Key.Key_J and mods == Qt.KeyboardModifier.ControlModifier:
            self.lines = reading.join_lines(self.lines, index)
            self._show(index)
        elif key == Qt.Key.Key_Tab and mods == Qt.KeyboardModifier.NoModifier \
                or key == Qt.Key.Key_I and mods == ctrl_shift:
            self.lines = reading.shift_line(self.lines, index, 1)
            self._show(index)
        elif key == Qt.Key.Key_Backtab \
                or key == Qt.Key.Key_O and mods == ctrl_shift:
            self.lines = reading.shift_line(self.lines, index, -1)
            self._show(index)
        else:
            return False
        return True

    def _renamed(self, row: QTreeWidgetItem, column: int) -> None:
        index = self._rows.index(row) if row in self._rows else -1
        if index < 0:
            return
        try:
            if column == 1:
                self.lines = reading.rename_line(self.lines, index, row.text(1))
            elif column == 2:
                self.lines[index] = dataclasses.replace(
                    self.lines[index], presenter=row.text(2).strip() or None)
        except ValidationError as exc:
            self.summary.setText(str(exc))
        # Shown again once the editor has closed (not from inside its commit), with the
        # keyboard back in the tree.
        QTimer.singleShot(0, lambda: self._show_and_focus(index))

    def _show_and_focus(self, index: int) -> None:
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.isAncestorOf(focus)
        self._show(index)
        if had_focus:
            self.tree.setFocus()


def import_into_meeting(context: MeetingContext, parent: QWidget, read: ReadAgenda,
                        source: str) -> bool:
    """Show what was read; on Import, add it to the open meeting as one undo step."""
    header = context.header
    if header is None:
        return False
    if not context.editable:
        context.notice.emit("This meeting's minutes are read-only: an agenda cannot be "
                            "imported into them.")
        return False
    dialog = AgendaImportDialog(read, source, parent)
    before = QApplication.focusWidget()
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    # The keyboard goes back where it was (the window gets it back, not only the focus).
    parent.window().activateWindow()
    if before is not None and shiboken6.isValid(before) and before.isVisible():
        before.setFocus(Qt.FocusReason.OtherFocusReason)
    if not accepted:
        return False
    try:
        corrected = dialog.agenda()
    except ValidationError as exc:  # every line dropped
        context.notice.emit(str(exc))
        return False
    context.autosave.flush()
    result = context.apply(agenda_import.import_agenda, header.id, corrected,
                           replace=dialog.replace)
    if result is None:
        return False
    context.undo_stack.push(AgendaImported(context, header.id, corrected, dialog.replace,
                                           result.undo, source))
    context.agenda_restructured(result.undo.made[0] if result.undo.made else None)
    merged = (f"; {len(result.merged)} already on the agenda" if result.merged else "")
    context.notice.emit(f"{result.added} items and {result.papers} papers imported from "
                        f"{source}{merged}. Ctrl+Z takes the import back.")
    return True


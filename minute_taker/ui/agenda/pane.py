"""The agenda tree on the left: numbered items, edited from the keyboard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from minute_taker.domain.records import ItemNode
from minute_taker.services import agenda, history
from minute_taker.ui.agenda.qt_agenda_model import AgendaTreeModel
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.undo import FieldsChanged, ItemAdded, ItemDeleted, ItemMoved


class AgendaPane(QWidget):
    def __init__(self, context: MeetingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = AgendaTreeModel(rename=self._rename, parent=self, move=self._drop_move)
        self.tree = QTreeView(self)
        self.tree.setObjectName("agendaTree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setAccessibleName("Agenda")
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsInserted.connect(lambda *_: self.tree.expandAll())

        self.agenda_actions = self._make_actions()
        toolbar = QToolBar("Agenda", self)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for key in ("add", "add_child", "indent", "outdent", "up", "down", "delete"):
            toolbar.addAction(self.agenda_actions[key])

        title = QLabel("<b>Agenda</b>", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(toolbar)
        layout.addWidget(self.tree)

        context.items_changed.connect(self.show_items)
        context.meeting_changed.connect(self._on_meeting_changed)
        context.current_item_changed.connect(self.model.set_current_item)
        context.show_item_request.connect(self.select)
        context.live_changed.connect(self.model.set_live)
        context.clock_tick.connect(self.model.refresh_timings)

    def _make_actions(self) -> dict[str, QAction]:
        specs = {
            "add": ("Add item", "Ctrl+Return", self.add_item,
                    "Add an item after the current one"),
            "add_child": ("Add sub-item", "Ctrl+Shift+Return", self.add_child,
                          "Add a sub-item under the current item"),
            "indent": ("Indent", "Alt+Shift+Right",
                       lambda: self._restructure("Indent", agenda.indent_item),
                       "Make the item a sub-item of the one above"),
            "outdent": ("Outdent", "Alt+Shift+Left",
                        lambda: self._restructure("Outdent", agenda.outdent_item),
                        "Move the item out one level"),
            "up": ("Move up", "Alt+Shift+Up",
                   lambda: self._restructure("Move up", agenda.shift_item, -1),
                   "Move the item up"),
            "down": ("Move down", "Alt+Shift+Down",
                     lambda: self._restructure("Move down", agenda.shift_item, 1),
                     "Move the item down"),
            "rename": ("Rename item", "F2", self.rename_current, "Edit the item's title"),
            "delete": ("Delete item", "Ctrl+Shift+Delete", self.delete_current,
                       "Delete the item and its sub-items"),
            "next": ("Next item", "Ctrl+PgDown", lambda: self.step(1), "Go to the next item"),
            "previous": ("Previous item", "Ctrl+PgUp", lambda: self.step(-1),
                         "Go to the previous item"),
        }
        made = {}
        for key, (text, shortcut, slot, tip) in specs.items():
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString()})")
            action.setStatusTip(tip)
            action.triggered.connect(slot)
            made[key] = action
        # F2 also edits cells in tables elsewhere: rename only from the agenda or the notes
        # (the main window adds the action to the notes pane too).
        made["rename"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(made["rename"])
        # Menus show the full names; the pane's toolbar shows these compact labels.
        for key, label in (("add", "+ Item"), ("add_child", "+ Sub"), ("indent", "\u2192"),
                           ("outdent", "\u2190"), ("up", "\u2191"), ("down", "\u2193"),
                           ("delete", "\u2715")):
            made[key].setIconText(label)
        return made

    # -- showing -------------------------------------------------------------
    def show_items(self, items: list[ItemNode]) -> None:
        keep = self.context.current_item_id
        self.model.set_items(items)
        self.tree.expandAll()
        if keep is not None and self.model.index_for_id(keep).isValid():
            self.select(keep)
        elif items and self.context.current_item_id is None:
            self.select(items[0].id)

    def _after_reset(self) -> None:
        self.tree.expandAll()

    def _on_meeting_changed(self, header: object) -> None:
        editable = self.context.editable
        self.model.set_editable(editable)
        for key in ("add", "add_child", "indent", "outdent", "up", "down", "rename", "delete"):
            self.agenda_actions[key].setEnabled(editable)

    def select(self, item_id: int | None) -> None:
        index = self.model.index_for_id(item_id)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.tree.scrollTo(index)
            # Already the view's current row (the meeting was just reloaded): the view
            # says nothing, so tell the context directly.
            self.context.set_current_item(item_id)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = self.model.node(current)
        self.context.set_current_item(node.id if node else None)

    def step(self, offset: int) -> None:
        ids = self.model.item_ids()
        if not ids:
            return
        current = self.context.current_item_id
        index = ids.index(current) + offset if current in ids else 0
        self.select(ids[max(0, min(index, len(ids) - 1))])

    # -- editing -------------------------------------------------------------
    def _rename(self, item_id: int, title: str) -> ItemNode | None:
        old = self.model.node(self.model.index_for_id(item_id))
        node = self.context.apply(agenda.update_item, item_id, title=title)
        if node is not None and old is not None:
            self.context.undo_stack.push(FieldsChanged(
                self.context, f"Rename item {old.number}", agenda.update_item, item_id,
                {"title": old.title}, {"title": title}, self.context.refresh_items))
        return node

    def add_item(self) -> None:
        self._add(as_child=False)

    def add_child(self) -> None:
        self._add(as_child=True)

    def _add(self, as_child: bool) -> None:
        if self.context.meeting_id is None:
            return
        current = self.model.node(self.tree.currentIndex())
        kwargs: dict[str, int | None]
        if as_child and current is not None:
            kwargs = {"parent_id": current.id}
        elif current is not None:
            kwargs = {"parent_id": current.parent_id, "after_id": current.id}
        else:
            kwargs = {}
        node = self.context.apply(agenda.add_item, self.context.meeting_id, "New item", **kwargs)
        if node is None:
            return
        self.context.undo_stack.push(ItemAdded(self.context, node.id, node.title))
        self.context.refresh_items()
        self.select(node.id)
        self.tree.setFocus()
        self.tree.edit(self.model.index_for_id(node.id))

    def rename_current(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid() and self.context.editable:
            self.tree.setFocus()
            self.tree.edit(index)

    def _restructure(self, label: str, operation: Callable[..., object], *args: int) -> None:
        item_id = self.context.current_item_id
        if item_id is None:
            return
        before = self.context.run(history.item_place, item_id)
        if before is None or self.context.apply(operation, item_id, *args) is None:
            return
        after = self.context.run(history.item_place, item_id)
        if after is not None:
            number = self.model.node(self.model.index_for_id(item_id))
            text = f"{label} item {number.number}" if number else label
            self.context.undo_stack.push(ItemMoved(self.context, item_id, text, before, after))
        self.context.agenda_restructured(item_id)

    def _drop_move(self, item_id: int, parent_id: int | None, position: int) -> None:
        """A drag and drop in the tree: the same move, with the same undo, as the keys."""
        before = self.context.run(history.item_place, item_id)
        if before is None or before == (parent_id, position):
            return
        if self.context.apply(agenda.move_item, item_id, parent_id, position) is None:
            return
        self.context.undo_stack.push(ItemMoved(self.context, item_id, "Move item", before,
                                               (parent_id, position)))
        self.context.agenda_restructured(item_id)

    def delete_current(self) -> None:
        """Delete at once, without asking: Ctrl+Z brings the item back with everything in it."""
        node = self.model.node(self.tree.currentIndex())
        if node is None or not self.context.editable:
            return
        ids = self.model.item_ids()
        position = ids.index(node.id)
        self.context.autosave.flush()
        self.context.set_current_item(None)
        snapshot = self.context.apply(history.delete_item, node.id)
        if snapshot is not None:
            self.context.undo_stack.push(ItemDeleted(self.context, node.id, node.title,
                                                     snapshot))
            self.context.error.emit(f"Deleted item {node.number} \u201c{node.title}\u201d "
                                    "\u2013 Ctrl+Z brings it back.")
        self.context.refresh_items()
        self.context.refresh_actions()
        remaining = self.model.item_ids()
        if remaining:
            self.select(remaining[min(position, len(remaining) - 1)])

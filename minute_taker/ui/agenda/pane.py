"""The agenda tree on the left: numbered items, edited from the keyboard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QLabel,
    QStyledItemDelegate,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from minute_taker.domain.records import ItemNode
from minute_taker.services import agenda, history
from minute_taker.ui.agenda.qt_agenda_model import AgendaTreeModel
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.shortcuts import bind, name_tool_buttons
from minute_taker.ui.undo import FieldsChanged, ItemAdded, ItemDeleted, ItemMoved

_NOT_TYPING = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
               | Qt.KeyboardModifier.MetaModifier)


class TitleDelegate(QStyledItemDelegate):
    """Return and Escape end a title at once, and say so first. Qt's own delegate commits
    on Return only on the next pass of the event loop, so words typed straight after it
    went into the title too."""

    ending_by_key = Signal()  # the clerk ended the title, rather than going elsewhere

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (isinstance(watched, QWidget) and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)):
            self.ending_by_key.emit()
            if event.key() == Qt.Key.Key_Escape:
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.RevertModelCache)
            else:
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(watched, event)


class AgendaTree(QTreeView):
    """The tree passes on text typed into it, and says when a title edit has ended."""

    # Text typed while the tree has the focus: words meant for the minutes, which the
    # tree's type-ahead would swallow (and "-" would fold an item away).
    text_typed = Signal(QKeyEvent)
    title_edit_ended = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text and text.isprintable() and not event.modifiers() & _NOT_TYPING:
            self.text_typed.emit(event)
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        self.title_edit_ended.emit()


class AgendaPane(QWidget):
    """The agenda tree and its keys. Every key acts on the context's current item, and
    the tree's current row follows that item: they are never two."""

    text_typed = Signal(QKeyEvent)  # typed in the tree: the window passes it to the notes

    def __init__(self, context: MeetingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        # Where the keyboard goes back to when a title edit ends with Return or Escape:
        # the widget that had it when the edit began (None: stay in the tree).
        self._title_origin: QWidget | None = None
        self._title_ended_by_key = False
        self.model = AgendaTreeModel(rename=self._rename, parent=self, move=self._drop_move)
        self.tree = AgendaTree(self)
        delegate = TitleDelegate(self.tree)
        delegate.ending_by_key.connect(self._title_ending_by_key)
        self.tree.setItemDelegate(delegate)
        self.tree.text_typed.connect(self.text_typed)
        self.tree.title_edit_ended.connect(self._after_title_edit)
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
        name_tool_buttons(toolbar)

        title = QLabel("<b>Agenda</b>", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(toolbar)
        layout.addWidget(self.tree)

        context.items_changed.connect(self.show_items)
        context.meeting_changed.connect(self._on_meeting_changed)
        context.current_item_changed.connect(self.model.set_current_item)
        context.current_item_changed.connect(self._follow)
        context.show_item_request.connect(self.select)
        context.live_changed.connect(self.model.set_live)
        context.clock_tick.connect(self.model.refresh_timings)

    def _make_actions(self) -> dict[str, QAction]:
        specs = {
            "add": ("Add item", self.add_item, "Add an item after the current one"),
            "add_child": ("Add sub-item", self.add_child,
                          "Add a sub-item under the current item"),
            "indent": ("Indent", lambda: self._restructure("Indent", agenda.indent_item),
                       "Make the item a sub-item of the one above"),
            "outdent": ("Outdent", lambda: self._restructure("Outdent", agenda.outdent_item),
                        "Move the item out one level"),
            "up": ("Move up", lambda: self._restructure("Move up", agenda.shift_item, -1),
                   "Move the item up"),
            "down": ("Move down", lambda: self._restructure("Move down", agenda.shift_item, 1),
                     "Move the item down"),
            "rename": ("Rename item", self.rename_current, "Edit the item's title"),
            "delete": ("Delete item", self.delete_current, "Delete the item and its sub-items"),
            "next": ("Next item", lambda: self.step(1), "Go to the next item"),
            "previous": ("Previous item", lambda: self.step(-1), "Go to the previous item"),
        }
        made = {}
        for key, (text, slot, tip) in specs.items():
            action = bind(QAction(text, self), f"agenda.{key}", tip)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
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
        self.model.set_items(items)
        self.tree.expandAll()
        self._follow(self.context.current_item_id)

    def _after_reset(self) -> None:
        self.tree.expandAll()

    def _on_meeting_changed(self, header: object) -> None:
        editable = self.context.editable
        self.model.set_editable(editable)
        for key in ("add", "add_child", "indent", "outdent", "up", "down", "rename", "delete"):
            self.agenda_actions[key].setEnabled(editable)

    def select(self, item_id: int | None) -> None:
        """Go to the item: it becomes the context's current item, and the tree follows."""
        if self.model.index_for_id(item_id).isValid():
            self.context.set_current_item(item_id)
            self._follow(self.context.current_item_id)

    def _follow(self, item_id: int | None) -> None:
        """Show the context's current item as the tree's current row."""
        index = self.model.index_for_id(item_id)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.tree.scrollTo(index)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """The clerk moved in the tree (arrows, a click): that item becomes current."""
        node = self.model.node(current)
        if node is not None:
            self.context.set_current_item(node.id)

    def _current_node(self) -> ItemNode | None:
        return self.model.node(self.model.index_for_id(self.context.current_item_id))

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
        node = self.context.apply(agenda.update_item, item_id, title=title,
                                  expected_version=old.version if old is not None else None)
        if node is not None and old is not None:
            self.context.undo_stack.push(FieldsChanged(
                self.context, f"Rename item {old.number}", agenda.update_item, item_id,
                {"title": old.title}, {"title": title}, self.context.refresh_items,
                version=node.version))
            self.context.refresh_items()  # the heading above the notes says it too
        return node

    def add_item(self) -> None:
        self._add(as_child=False)

    def add_child(self) -> None:
        self._add(as_child=True)

    def _add(self, as_child: bool) -> None:
        if self.context.meeting_id is None:
            return
        origin = self._focus_to_return_to()
        current = self._current_node()
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
        self._edit_title(origin)

    def rename_current(self) -> None:
        if self._current_node() is not None and self.context.editable:
            self._edit_title(self._focus_to_return_to())

    def _focus_to_return_to(self) -> QWidget | None:
        """The widget a new title edit should hand the keyboard back to: the one that has
        it now, or, if that is a title already being edited, where that edit began."""
        focus = QApplication.focusWidget()
        if focus is self.tree or (focus is not None and self.tree.isAncestorOf(focus)):
            return self._title_origin
        return focus

    def _edit_title(self, origin: QWidget | None) -> None:
        """Type the current item's title in the tree; Return or Escape hands the keyboard
        back to ``origin``, so the next words go into the item's notes."""
        index = self.model.index_for_id(self.context.current_item_id)
        if not index.isValid():
            return
        self.tree.setFocus()  # ends a title edit still open, which hands the focus back
        self._title_origin = origin
        self.tree.edit(index)

    def _title_ending_by_key(self) -> None:
        self._title_ended_by_key = True

    def _after_title_edit(self) -> None:
        """Back to where the edit began, if the clerk ended it with Return or Escape; a
        click on another row or elsewhere is the clerk's own choice of where to be."""
        origin, self._title_origin = self._title_origin, None
        by_key, self._title_ended_by_key = self._title_ended_by_key, False
        if origin is not None and by_key and QApplication.focusWidget() in (None, self.tree):
            origin.setFocus()

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
        node = self._current_node()
        if node is None or not self.context.editable:
            return
        successor = self._successor(node)
        self.context.autosave.flush()
        snapshot = self.context.apply(history.delete_item, node.id)
        if snapshot is None:
            return
        self.context.undo_stack.push(ItemDeleted(self.context, node.id, node.title, snapshot))
        self.context.error.emit(f"Deleted item {node.number} \u201c{node.title}\u201d "
                                "\u2013 Ctrl+Z brings it back.")
        self.context.set_current_item(successor)
        self.context.refresh_items()
        self.context.refresh_actions()

    def _successor(self, node: ItemNode) -> int | None:
        """The item that takes a deleted item's place: the next one after it and its
        sub-items, or, at the end of the agenda, the one before it."""
        ids = self.model.item_ids()
        at = ids.index(node.id)
        for item_id in ids[at + 1:]:
            later = self.model.node(self.model.index_for_id(item_id))
            if later is not None and later.depth <= node.depth:
                return item_id
        return ids[at - 1] if at else None

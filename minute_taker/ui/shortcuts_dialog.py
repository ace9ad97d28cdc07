"""Help > Keyboard shortcuts: every action of the window that has a key, in one list,
and the clerk's own keys for them.

The list is read from the window's actions, so it is never out of date. An action named
after an id in ui/shortcuts.py can be put on another key: select it, press Enter (or
*Change key*), press the new key. The key is used at once, kept in the user's settings
and put back at every start (``apply_saved_shortcuts``); a key another action of the
window has is refused, naming that action, as is one a desktop takes first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from minute_taker.ui.book.settings import save_shortcut, saved_shortcuts
from minute_taker.ui.colours import ERROR, text_style
from minute_taker.ui.shortcuts import (
    SHORTCUTS,
    default_keys,
    key_text,
    plain_text,
    set_keys,
    taken_by,
    typing_key,
)
from minute_taker.ui.widgets import named

PORTABLE = QKeySequence.SequenceFormat.PortableText
NATIVE = QKeySequence.SequenceFormat.NativeText
_MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
                  Qt.Key.Key_AltGr, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R)


def _in_window(thing: QObject, window: QWidget) -> bool:
    """True if ``thing`` belongs to ``window`` itself, not to a dialog it owns."""
    owner: QObject | None = thing
    while owner is not None and not isinstance(owner, QWidget):
        owner = owner.parent()
    return isinstance(owner, QWidget) and owner.window() is window


def window_actions(window: QWidget) -> list[QAction]:
    return [a for a in window.findChildren(QAction) if _in_window(a, window)]


def customisable_actions(window: QWidget) -> dict[str, QAction]:
    """The window's actions that the clerk may put on other keys, by id."""
    return {a.objectName(): a for a in window_actions(window) if a.objectName() in SHORTCUTS}


def window_shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """(description, key) for every action under ``window`` that has a shortcut."""
    seen: dict[str, str] = {}
    for action in window_actions(window):
        if action.shortcut().isEmpty():
            continue
        seen.setdefault(plain_text(action.text()), key_text(action.shortcuts()))
    return sorted(seen.items(), key=lambda pair: pair[0].lower())


def apply_saved_shortcuts(window: QWidget) -> None:
    """Put the window's actions on the keys the clerk chose (at every start)."""
    actions = customisable_actions(window)
    for action_id, keys in saved_shortcuts().items():
        if action_id in actions:
            sequence = QKeySequence(keys, PORTABLE)
            set_keys(actions[action_id], [] if sequence.isEmpty() else [sequence])


def holder_of(window: QWidget, keys: QKeySequence, but: QAction | None = None) -> str | None:
    """The name of what already has ``keys`` in ``window`` (other than ``but``)."""
    for action in window_actions(window):
        if action is not but and keys in action.shortcuts():
            return plain_text(action.text())
    for shortcut in window.findChildren(QShortcut):
        if _in_window(shortcut, window) and keys in [*shortcut.keys()]:
            return shortcut.whatsThis() or "another key of this window"
    return None


def refusal(window: QWidget, action: QAction, keys: QKeySequence) -> str | None:
    """Why ``action`` cannot have ``keys`` in ``window``, or None if it can."""
    text = keys.toString(NATIVE)
    if typing_key(keys):
        return (f"{text} types or edits text. Use a key with Ctrl or Alt, or a function "
                "key (F1 to F12).")
    if (reason := taken_by(keys)) is not None:
        return f"{text} does not reach the app everywhere: it is taken by {reason}."
    if (holder := holder_of(window, keys, action)) is not None:
        return (f"{text} is already the key of \u201c{holder}\u201d. Give that action another "
                "key first, or choose another.")
    return None


class KeyCatcher(QLineEdit):
    """Takes the next key pressed, whatever it is (Tab, and keys the window would
    otherwise act on, included); Escape alone cancels."""

    caught = Signal(QKeySequence)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setPlaceholderText("Press the new key\u2026")
        self.setAccessibleName("New key")

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() in (QEvent.Type.ShortcutOverride,
                                                             QEvent.Type.KeyPress):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self._take(event)
            return True
        return super().event(event)

    def _take(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in _MODIFIER_KEYS or key == Qt.Key.Key_unknown:
            return
        if key == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.cancelled.emit()
            return
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        sequence = QKeySequence(QKeyCombination(modifiers, Qt.Key(key)))
        self.setText(sequence.toString(NATIVE))
        self.caught.emit(sequence)


class KeyDialog(QDialog):
    """Press the new key for one action; a key that cannot be used is explained, and
    the next key pressed is tried instead."""

    def __init__(self, window: QWidget, action: QAction, parent: QWidget) -> None:
        super().__init__(parent)
        self.window_ = window
        self.action = action
        self.keys = QKeySequence()
        name = plain_text(action.text())
        self.setWindowTitle(f"Key for {name}")
        self.catcher = named(KeyCatcher(self), "keyCatcher")
        self.catcher.caught.connect(self._try)
        self.catcher.cancelled.connect(self.reject)
        self.message = named(QLabel(f"Press the new key for \u201c{name}\u201d (now "
                                    f"{key_text(action.shortcuts()) or 'none'}). "
                                    "Escape cancels.", self), "keyMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.catcher)
        self.catcher.setFocus()

    def _try(self, keys: QKeySequence) -> None:
        problem = refusal(self.window_, self.action, keys)
        if problem is not None:
            self.message.setText(problem + " Press another key, or Escape.")
            self.message.setStyleSheet(text_style(ERROR.on(self.palette())))
            return
        self.keys = keys
        self.accept()


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Keyboard shortcuts")
        self.table = named(QTableWidget(0, 2, self), "shortcutsTable")
        self.table.setHorizontalHeaderLabels(["Action", "Keys"])
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the buttons
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemDoubleClicked.connect(lambda _item: self.change_key())
        self.table.currentCellChanged.connect(lambda *_: self._update_buttons())
        self.message = named(QLabel("Select an action and press Enter to give it another "
                                    "key.", self), "shortcutsMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.change_button = named(QPushButton("C&hange key\u2026", self), "changeKey")
        self.change_button.setDefault(True)  # Enter in the list
        self.change_button.clicked.connect(self.change_key)
        self.reset_button = named(QPushButton("&Reset to default", self), "resetKey")
        self.reset_button.clicked.connect(self.reset_key)
        for button in (self.change_button, self.reset_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.fill()
        self.table.setCurrentCell(0, 0)
        self.table.setFocus()
        self._fit()

    def fill(self) -> None:
        """One row an action: the customisable ones, with or without a key, and every
        other action of the window that has one."""
        customisable = customisable_actions(self.window_)
        rows: dict[str, tuple[str, QAction]] = {}
        for action in window_actions(self.window_):
            text = plain_text(action.text())
            if action.objectName() in customisable or not action.shortcut().isEmpty():
                rows.setdefault(text, (text, action))
        current = self.current_action()
        self.table.setRowCount(len(rows))
        for row, (text, action) in enumerate(sorted(rows.values(),
                                                    key=lambda r: r[0].lower())):
            name = QTableWidgetItem(text)
            name.setData(Qt.ItemDataRole.UserRole, action)
            if action.objectName() not in SHORTCUTS:
                name.setToolTip("This key belongs to its place and cannot be changed.")
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(key_text(action.shortcuts())))
            if action is current:
                self.table.setCurrentCell(row, 0)
        self.table.resizeColumnsToContents()

    def _fit(self) -> None:
        """Wide enough for every action's name and keys, uncut."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        width = header.length() + self.table.frameWidth() * 2 + \
            self.table.verticalScrollBar().sizeHint().width()
        self.table.setMinimumWidth(width)
        self.resize(max(width + 40, 520), 600)

    def current_action(self) -> QAction | None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.rowCount() else None
        action = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return action if isinstance(action, QAction) else None

    def _update_buttons(self) -> None:
        action = self.current_action()
        can = action is not None and action.objectName() in SHORTCUTS
        self.change_button.setEnabled(can)
        self.reset_button.setEnabled(can)

    def _say(self, text: str, *, refused: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(text_style(ERROR.on(self.palette())) if refused else "")

    def change_key(self) -> None:
        action = self.current_action()
        if action is None or action.objectName() not in SHORTCUTS:
            return
        dialog = KeyDialog(self.window_, action, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.assign(action, [dialog.keys]))
        dialog.finished.connect(self._back_to_list)
        dialog.open()

    def _back_to_list(self) -> None:
        """The keyboard back in the list, ready for the next change or Escape."""
        self.activateWindow()
        self.table.setFocus()

    def assign(self, action: QAction, keys: list[QKeySequence]) -> None:
        """Use ``keys`` for the action now, and from now on."""
        action_id = action.objectName()
        set_keys(action, keys)
        is_default = keys == default_keys(action_id)
        save_shortcut(action_id, None if is_default else
                      " ".join(k.toString(PORTABLE) for k in keys[:1]))
        self.fill()
        self._fit()
        self._say(f"\u201c{plain_text(action.text())}\u201d is now on "
                  f"{key_text(keys) or 'no key'}.")

    def reset_key(self) -> None:
        action = self.current_action()
        if action is None or action.objectName() not in SHORTCUTS:
            return
        defaults = default_keys(action.objectName())
        for keys in defaults:
            holder = holder_of(self.window_, keys, action)
            if holder is not None:
                self._say(f"The default, {keys.toString(NATIVE)}, is now the key of "
                          f"\u201c{holder}\u201d. Give that action another key first.",
                          refused=True)
                return
        self.assign(action, defaults)

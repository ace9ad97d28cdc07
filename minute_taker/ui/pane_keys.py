"""Alt+letters of a docked pane: its own while the keyboard is in it, and no one else's.

A docked pane is part of its main window, and even floating, Qt sends the main window's
Alt+letters from it (a floating dock is a tool window of the main one). A pane's labels
and buttons with "&" would grab window-wide shortcuts and clash with the window's own
fields, so that neither works. Here a pane's letters are grabbed by no one: while the
keyboard is inside the pane they win over the window's (Qt asks the focused widget first,
with a ShortcutOverride event, before it looks for shortcuts); elsewhere the window's
letters work as before. The menu bar's letters are never taken, so Alt+F, Alt+M… open the
menus from inside the pane too.

Labels show their letter underlined (rich text, as a mnemonic is drawn) and buttons keep
their "&" for the underline with the shortcut it would grab released.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget


@dataclass(frozen=True)
class PaneKey:
    letter: str  # lower case
    text: str  # what the label or button says, without the marking
    target: QWidget  # pressed or focused; the key works while it is shown and enabled
    run: Callable[[], None]


def underlined(text: str, letter: str) -> str:
    """``text`` as rich text with the first ``letter`` underlined, as Qt draws a mnemonic."""
    at = text.casefold().index(letter)
    escaped = [ch.replace("&", "&amp;").replace("<", "&lt;") for ch in text]
    escaped[at] = f"<u>{escaped[at]}</u>"
    return "".join(escaped)


class PaneKeys(QObject):
    """The Alt+letters of one pane (``area``): add them as the pane is built, then
    ``watch()`` once its widgets are all made."""

    def __init__(self, area: QWidget) -> None:
        super().__init__(area)
        self.area = area
        self.keys: list[PaneKey] = []

    def label(self, label: QLabel, text: str, letter: str, field: QWidget) -> None:
        """``label`` reads ``text`` with ``letter`` underlined; Alt+letter goes to ``field``."""
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setText(underlined(text, letter))
        label.setBuddy(field)  # for screen readers: no "&", so Qt grabs no shortcut
        if not field.accessibleName():
            field.setAccessibleName(text.rstrip(":"))
        self.keys.append(PaneKey(letter, text, field, field.setFocus))

    def button(self, button: QAbstractButton, letter: str) -> None:
        """Alt+letter presses ``button``; its "&" stays for the underline only."""
        text = button.text()
        marked = text[:text.casefold().index(letter)] + "&" + text[text.casefold().index(letter):]
        button.setText(marked)
        button.setShortcut(QKeySequence())  # setText grabbed Alt+letter window-wide
        button.setAccessibleName(text)

        def press() -> None:
            if button.focusPolicy() != Qt.FocusPolicy.NoFocus:
                button.setFocus(Qt.FocusReason.ShortcutFocusReason)
            button.click()

        self.keys.append(PaneKey(letter, text, button, press))

    def key(self, letter: str, text: str, target: QWidget, run: Callable[[], None]) -> None:
        """Any other Alt+letter: ``run`` while ``target`` is shown (e.g. a tab bar)."""
        self.keys.append(PaneKey(letter, text, target, run))

    def live(self) -> list[PaneKey]:
        """The keys that work now: their target shown and enabled (the page they are on
        is the one in front)."""
        return [k for k in self.keys if k.target.isVisibleTo(self.area) and k.target.isEnabled()]

    def watch(self) -> None:
        for widget in (self.area, *self.area.findChildren(QWidget)):
            widget.installEventFilter(self)

    def _find(self, event: QKeyEvent) -> PaneKey | None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers != Qt.KeyboardModifier.AltModifier:
            return None
        letter = QKeySequence(event.key()).toString().casefold()
        return next((k for k in self.live() if k.letter == letter), None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                and isinstance(event, QKeyEvent) and (found := self._find(event)):
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # the key comes to the pane, not to the window's shortcuts
            else:
                found.run()
            return True
        return super().eventFilter(watched, event)

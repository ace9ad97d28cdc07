"""Every action the clerk can put on a key: its stable id, its label and its default keys,
in one table; the keys a desktop or a keyboard layout takes before the app sees them; and
the controls made from actions, named for screen readers.

The code that makes an action binds it here (``bind``): the action is named after its
id, so the window's saved keys (Help > Keyboard shortcuts) find it, and F1 lists it.

Why the defaults are what they are (issue 13, slip 3):

- Arrow keys with any modifier are spoken for: plain, Shift, Ctrl and Ctrl+Shift move
  and select in the notes; Alt+Shift+arrows are openbox's "send to desktop" and macOS's
  select-by-word; Ctrl+Alt+arrows switch workspaces (openbox, GNOME, KDE) and turn the
  screen on Windows PCs with Intel graphics; Alt+arrows move by word on macOS; Super
  (Meta) is the desktop's. So no agenda key is an arrow.
- Ctrl+Alt+letter is AltGr+letter on Windows: with a Polish, German, Spanish... layout
  it types a letter (Ctrl+Alt+O is "ó") instead of reaching the app.
- Move up / down: Ctrl+Shift+PgUp / PgDown, as browsers move a tab, beside
  Ctrl+PgUp / PgDown (previous / next item), which no text field uses.
- Indent / outdent: Ctrl+Shift+I / Ctrl+Shift+O, the initials of the menu's own words.
  Ctrl+] and Ctrl+[ (Google Docs) need AltGr on most European layouts and already nest
  a list item in the notes.
- Someone arrived / left: F6 / Shift+F6, one key beside F5 / Shift+F5 (start / close
  the meeting), the other keys of a meeting under way. No desktop binds F6; on a Mac the
  function keys take Fn, as F1, F2 and F5 already do.
- Numbered list: Ctrl+Shift+7, as in Google Docs (a digit, never AltGr-shifted).
- Spelling suggestions: F7, the spelling key of Word and LibreOffice; Ctrl+. and Ctrl+;
  open IBus's emoji picker on GNOME. The quick-phrase menu is Ctrl+Shift+P (phrase).
- Accept / reject a review note: Ctrl+Shift+Y (yes) / Ctrl+Shift+X, in the Review tab.
- Search the book: Ctrl+Shift+F, "find in files" in VS Code, Visual Studio and Outlook
  (Ctrl+F stays free for a find within the notes). Next / previous match in the notes:
  F3 / Shift+F3, as in Word, LibreOffice and browsers.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QToolButton

Keys = str | QKeySequence.StandardKey


class Shortcut(NamedTuple):
    id: str
    label: str
    defaults: tuple[Keys, ...]  # the first is the one menus show


def _table(*rows: Shortcut) -> dict[str, Shortcut]:
    return {row.id: row for row in rows}


SK = QKeySequence.StandardKey

SHORTCUTS: Final = _table(
    Shortcut("file.new_book", "New book", (SK.New,)),
    Shortcut("file.open_book", "Open book", (SK.Open,)),
    Shortcut("file.export", "Export", ("Ctrl+E",)),
    Shortcut("file.quit", "Quit", ("Ctrl+Q",)),
    Shortcut("edit.undo", "Undo", (SK.Undo,)),
    # Ctrl+Shift+Z and Ctrl+Y both work everywhere; the platform's own redo first.
    Shortcut("edit.redo", "Redo", (SK.Redo, "Ctrl+Shift+Z", "Ctrl+Y")),
    Shortcut("meeting.new", "New meeting", ("Ctrl+Shift+N",)),
    Shortcut("meeting.switch", "Switch meeting", ("Ctrl+Shift+M",)),
    Shortcut("meeting.attendance", "Attendance and declarations", ("Ctrl+Shift+T",)),
    Shortcut("meeting.arrived", "Someone arrived", ("F6",)),
    Shortcut("meeting.left", "Someone left", ("Shift+F6",)),
    Shortcut("meeting.review", "Review comments", ("Ctrl+Shift+G",)),
    Shortcut("meeting.start", "Start meeting (time items)", ("F5",)),
    Shortcut("meeting.close", "Close meeting", ("Shift+F5",)),
    Shortcut("agenda.add", "Add item", ("Ctrl+Return",)),
    Shortcut("agenda.add_child", "Add sub-item", ("Ctrl+Shift+Return",)),
    Shortcut("agenda.rename", "Rename item", ("F2",)),
    Shortcut("agenda.indent", "Indent", ("Ctrl+Shift+I",)),
    Shortcut("agenda.outdent", "Outdent", ("Ctrl+Shift+O",)),
    Shortcut("agenda.up", "Move up", ("Ctrl+Shift+PgUp",)),
    Shortcut("agenda.down", "Move down", ("Ctrl+Shift+PgDown",)),
    Shortcut("agenda.delete", "Delete item", ("Ctrl+Shift+Delete",)),
    Shortcut("agenda.next", "Next item", ("Ctrl+PgDown",)),
    Shortcut("agenda.previous", "Previous item", ("Ctrl+PgUp",)),
    Shortcut("agenda.details", "Item details", ("Ctrl+Shift+D",)),
    Shortcut("notes.bold", "Bold", (SK.Bold,)),
    Shortcut("notes.italic", "Italic", (SK.Italic,)),
    Shortcut("notes.underline", "Underline", (SK.Underline,)),
    Shortcut("notes.bullets", "Bulleted list", ("Ctrl+Shift+L",)),
    Shortcut("notes.numbers", "Numbered list", ("Ctrl+Shift+7",)),
    Shortcut("notes.indent", "Nest list item", ("Ctrl+]",)),
    Shortcut("notes.outdent", "Un-nest list item", ("Ctrl+[",)),
    Shortcut("notes.spelling", "Spelling suggestions", ("F7",)),
    Shortcut("notes.quick_phrase", "Insert quick phrase", ("Ctrl+Shift+P",)),
    *(Shortcut(f"notes.quick_phrase_{n}", f"Quick phrase {n}", (f"Alt+{n}",))
      for n in range(1, 10)),
    Shortcut("actions.from_line", "Make the line an action", ("Ctrl+Shift+K",)),
    Shortcut("actions.decision", "Record a decision from the line", ("Ctrl+Shift+R",)),
    Shortcut("actions.capture", "Capture action", ("Ctrl+Shift+A",)),
    Shortcut("actions.back_to_notes", "Back to notes", ("Ctrl+Shift+E",)),
    Shortcut("actions.confirmation", "Record the previous minutes confirmed",
             ("Ctrl+Shift+C",)),
    Shortcut("search.open", "Search the book", ("Ctrl+Shift+F",)),
    Shortcut("search.next", "Find next in the notes", ("F3",)),
    Shortcut("search.previous", "Find previous in the notes", ("Shift+F3",)),
    Shortcut("review.accept", "Accept / resolve", ("Ctrl+Shift+Y",)),
    Shortcut("review.reject", "Reject / reopen", ("Ctrl+Shift+X",)),
    Shortcut("help.shortcuts", "Keyboard shortcuts", (SK.HelpContents,)),
)

_ARROWS = ("Left", "Right", "Up", "Down")

# Keys a desktop, an input method or a keyboard layout takes before the app sees them
# (on at least one of Windows, macOS, GNOME, KDE and openbox), and why. Qt's "Ctrl" is
# the Command key on a Mac, "Meta" the Control key there and Super/Windows elsewhere.
TAKEN: Final[dict[str, str]] = {
    **{f"Alt+Shift+{a}": "openbox (send to desktop); macOS selects by word" for a in _ARROWS},
    **{f"Ctrl+Alt+{a}": "openbox, GNOME and KDE (switch desktop); Windows turns the screen"
       for a in _ARROWS},
    **{f"Ctrl+Alt+Shift+{a}": "GNOME (move the window to a workspace)" for a in _ARROWS},
    **{f"Alt+{a}": "macOS moves the cursor by word (Option+arrow)" for a in _ARROWS},
    **{f"Ctrl+F{n}": "KDE (switch to desktop)" for n in range(1, 5)},
    **{f"Alt+F{n}": "GNOME and KDE (run, window menu, move, resize)" for n in (1, 2, 3, 7, 8)},
    "Alt+F4": "every desktop (close the window)",
    "Alt+Tab": "every desktop (switch windows)",
    "Alt+Shift+Tab": "every desktop (switch windows)",
    "Alt+Space": "Windows, GNOME and openbox (window menu); KDE (KRunner)",
    "Alt+Esc": "Windows and openbox (next window)",
    "Ctrl+Esc": "Windows (Start menu); KDE (system activity)",
    "Ctrl+Shift+Esc": "Windows (Task Manager)",
    "Ctrl+Tab": "macOS (switch applications); tabs within the window",
    "Ctrl+Space": "macOS (Spotlight); input-method switching on Linux and Windows",
    "Ctrl+H": "macOS (hide the application)",
    "Ctrl+M": "macOS (minimise the window)",
    "Ctrl+`": "macOS (next window of the application)",
    "Ctrl+Shift+Q": "macOS (log out)",
    "Ctrl+Shift+3": "macOS (screenshot)",
    "Ctrl+Shift+4": "macOS (screenshot)",
    "Ctrl+Shift+5": "macOS (screenshot)",
    "Ctrl+Shift+U": "IBus on GNOME (Unicode entry)",
    "Ctrl+.": "IBus on GNOME (emoji)",
    "Ctrl+;": "IBus on GNOME (emoji)",
}

_FUNCTION_KEYS = range(Qt.Key.Key_F1.value, Qt.Key.Key_F35.value + 1)


def first_key(keys: QKeySequence) -> QKeyCombination:
    """The first key of a sequence (the stubs do not say a sequence can be indexed)."""
    return keys[0]  # type: ignore[index,no-any-return]


def taken_by(keys: QKeySequence) -> str | None:
    """Who takes ``keys`` before the app, or None: the table above, AltGr (Ctrl+Alt with
    a key that types on some layout), and anything with Super (Meta)."""
    if keys.isEmpty():
        return None
    text = keys.toString(QKeySequence.SequenceFormat.PortableText)
    if text in TAKEN:
        return TAKEN[text]
    combo = first_key(keys)
    modifiers = combo.keyboardModifiers()
    if modifiers & Qt.KeyboardModifier.MetaModifier:
        return "the desktop (the Super or Windows key; Control on a Mac)"
    ctrl_alt = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    if modifiers & ctrl_alt == ctrl_alt and combo.key().value < Qt.Key.Key_Escape.value:
        return "AltGr on Windows layouts (Ctrl+Alt types a letter there)"
    return None


def typing_key(keys: QKeySequence) -> bool:
    """A key that types or edits text without Ctrl or Alt: no use as a window's key."""
    combo = first_key(keys)
    held = combo.keyboardModifiers() & (Qt.KeyboardModifier.ControlModifier
                                        | Qt.KeyboardModifier.AltModifier
                                        | Qt.KeyboardModifier.MetaModifier)
    return not held and combo.key().value not in _FUNCTION_KEYS


def default_keys(action_id: str) -> list[QKeySequence]:
    """The default keys of the action, each once (a key bound twice does nothing)."""
    keys: list[QKeySequence] = []
    for key in SHORTCUTS[action_id].defaults:
        sequence = QKeySequence(key)
        if not sequence.isEmpty() and sequence not in keys:
            keys.append(sequence)
    return keys


def key_text(keys: list[QKeySequence]) -> str:
    """The keys as menus and the F1 list show them."""
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def set_keys(action: QAction, keys: list[QKeySequence]) -> None:
    """Put the action on ``keys``, and say so in its tooltip."""
    action.setShortcuts(keys)
    tip = action.property("plainTip") or plain_text(action.text())
    action.setToolTip(f"{tip} ({key_text(keys[:1])})" if keys else str(tip))


def bind(action: QAction, action_id: str, tip: str | None = None) -> QAction:
    """Name the action after its id and put it on its default keys."""
    action.setObjectName(action_id)
    if tip is not None:
        action.setProperty("plainTip", tip)
    set_keys(action, default_keys(action_id))
    return action


def plain_text(text: str) -> str:
    """A menu text without its mnemonic "&" and its trailing "\u2026"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("\u2026")


def name_tool_buttons(toolbar: QToolBar) -> None:
    """A toolbar button showing "B" or an arrow is read out as its action's full name."""
    for action in toolbar.actions():
        button = toolbar.widgetForAction(action)
        if isinstance(button, QToolButton):
            button.setAccessibleName(plain_text(action.text()))
            button.setAccessibleDescription(action.statusTip() or action.toolTip())

"""Alt+letter does one thing in each window: no mnemonic is used twice among a window's
menus, labels, buttons and tabs, nor twice within one menu; and no label shows a literal
"&" (a label without a buddy does not read "&" as a mnemonic, it prints it)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTabWidget,
    QWidget,
)
from ui_windows import dialog_makers, review_window

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def on_a_hidden_page(widget: QWidget, window: QWidget) -> bool:
    """Inside a page of a stack or tab that is not the one shown (the welcome page behind
    the minutes, another tab): Qt does not press a hidden widget's mnemonic."""
    child: QWidget | None = widget
    while child is not None and child is not window:
        parent = child.parentWidget()
        if isinstance(parent, QStackedWidget) and parent.currentWidget() is not child:
            return True
        child = parent
    return False


def targets(window: QWidget) -> Iterator[tuple[str, str]]:
    """(mnemonic, what has it) for every Alt+letter of ``window``: its menu bar, the
    labels with a buddy, buttons, group boxes and tabs, shown now or able to be shown
    (a banner's button, the item details) without changing the page."""
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if letter := mnemonic(action.text()):
                yield letter, f"menu {action.text()}"
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or on_a_hidden_page(widget, window):
            continue
        texts: list[str] = []
        buddied = isinstance(widget, QLabel) and widget.buddy() is not None
        # A pane's button keeps its "&" for the underline with no shortcut grabbed: its
        # letter is the pane's own (tested below), not the window's.
        grabbed = isinstance(widget, QAbstractButton) and not widget.shortcut().isEmpty()
        if buddied or grabbed:
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        for text in texts:
            if letter := mnemonic(text):
                yield letter, f"{type(widget).__name__} {text!r}"


def clashes(pairs: Iterator[tuple[str, str]]) -> dict[str, list[str]]:
    users: dict[str, list[str]] = defaultdict(list)
    for letter, user in pairs:
        users[letter].append(user)
    return {letter: found for letter, found in users.items() if len(found) > 1}


def assert_clear(window: QWidget) -> None:
    assert clashes(targets(window)) == {}, window.objectName()
    for tabs in window.findChildren(QTabWidget):  # each tab's page with everything else
        shown = tabs.currentIndex()
        for page in range(tabs.count()):
            tabs.setCurrentIndex(page)
            assert clashes(targets(window)) == {}, (window.objectName(), tabs.tabText(page))
        tabs.setCurrentIndex(shown)
    for menu in window.findChildren(QMenu):
        inside = ((mnemonic(a.text()), f"{menu.title()} > {a.text()}") for a in menu.actions())
        assert clashes((m, a) for m, a in inside if m) == {}, menu.title()
    literal = [label.text() for label in window.findChildren(QLabel)
               if label.buddy() is None and label.textFormat() != Qt.TextFormat.RichText
               and not label.text().lstrip().startswith("<")
               and "&" in label.text().replace("&&", "")]
    assert literal == [], "labels that print their '&'"


def test_the_main_window(qtbot, open_window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(demo_path)
    window.banner.show_read_only("It is open for editing elsewhere.", can_copy=False)
    window.show_attendance()  # docked, the panel is part of the window
    assert_clear(window)


def menu_letters(window: QMainWindow) -> set[str]:
    return {letter for action in window.menuBar().actions()
            if (letter := mnemonic(action.text()))}


def test_the_attendance_panel_has_letters_of_its_own(qtbot, open_window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Inside the docked panel its Alt+letters win over the window's fields; each is used
    once on each of its pages, none is a menu's, and floating changes nothing."""
    window = open_window(demo_path)
    panel = window.show_attendance()
    for floating in (False, True):
        window.attendance_dock.setFloating(floating)
        for page in range(panel.tabs.count()):
            panel.tabs.setCurrentIndex(page)
            live = [(k.letter, k.text) for k in panel.keys.live()]
            assert len(live) >= 6, live
            assert clashes(iter(live)) == {}, (floating, page)
            assert {letter for letter, _ in live}.isdisjoint(menu_letters(window))
            # Nothing in the panel grabs a letter window-wide, docked or floating (a
            # floating dock is a tool window: Qt sends it the main window's letters).
            everything = [*targets(window), *targets(window.attendance_dock)]
            assert clashes(iter(everything)) == {}, (floating, page)
            assert not any(window.attendance_dock.isAncestorOf(w) for w in (
                widget for widget in panel.findChildren(QWidget)
                if isinstance(widget, QAbstractButton) and not widget.shortcut().isEmpty()))


@pytest.mark.parametrize("name", list(dialog_makers()))
def test_each_dialog(qtbot, open_window, demo_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    window = open_window(demo_path)
    dialog = dialog_makers()[name](window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert_clear(dialog)


def test_the_review_window(qtbot, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reviewing = review_window(qtbot, demo_path, tmp_path)
    reviewing.show()
    assert_clear(reviewing)

"""A screen reader says what a button does (issue 13, slip 9): every button of every
window has a name with a word in it, and a toolbar button showing "B" or an arrow is
read out as its action's full name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QToolBar, QToolButton, QWidget
from ui_windows import dialog_makers, review_window

from minute_taker.ui.shortcuts import plain_text


def spoken(button: QAbstractButton) -> str:
    return button.accessibleName() or plain_text(button.text())


def assert_named(window: QWidget) -> None:
    silent = [f"{type(b).__name__} {b.objectName()!r} {b.text()!r}"
              for b in window.findChildren(QAbstractButton)
              if b.window() is window and b.isVisibleTo(window)
              and not b.objectName().startswith("qt_")
              and not any(ch.isalnum() for ch in spoken(b))]
    assert silent == [], "buttons a screen reader reads as a symbol, or not at all"
    for toolbar in window.findChildren(QToolBar):
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton) and action.text():
                assert button.accessibleName() == plain_text(action.text()), action.text()


def test_the_main_window(open_window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(demo_path)
    texts = {window.agenda.agenda_actions["indent"].iconText(),
             window.notes.format_actions["bold"].iconText()}
    assert texts == {"\u2192", "B"}  # what the buttons show stays compact
    assert_named(window)
    window.banner.show_not_saved("The disk is full.")  # the banner's buttons too
    assert_named(window)
    window.show_attendance()  # and the attendance panel docked beside the notes
    assert_named(window)


@pytest.mark.parametrize("name", list(dialog_makers()))
def test_each_dialog(qtbot, open_window, demo_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    window = open_window(demo_path)
    dialog = dialog_makers()[name](window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert_named(dialog)


def test_the_review_window(qtbot, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reviewing = review_window(qtbot, demo_path, tmp_path)
    reviewing.show()
    assert_named(reviewing)

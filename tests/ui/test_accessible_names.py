"""A screen reader says what a button does (issue 13, slip 9): every button of every
window has a name with a word in it, and a toolbar button showing "B" or an arrow is
read out as its action's full name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QToolBar, QToolButton, QWidget

from minute_taker.services import interchange, review
from minute_taker.store.book import MinuteBook
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


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    path = tmp_path / "panel.minutebook"
    with MinuteBook.open(path, actor="Jackie Irvin") as book:
        interchange.load_demo(book)
    return path


def test_the_main_window(open_window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(demo_path)
    texts = {window.agenda.agenda_actions["indent"].iconText(),
             window.notes.format_actions["bold"].iconText()}
    assert texts == {"\u2192", "B"}  # what the buttons show stays compact
    assert_named(window)
    window.banner.show_not_saved("The disk is full.")  # the banner's buttons too
    assert_named(window)


def dialogs() -> dict[str, Callable[..., QWidget]]:
    from minute_taker.ui.attendance.committee_dialog import CommitteeDialog
    from minute_taker.ui.attendance.dialog import AttendanceDialog
    from minute_taker.ui.book.backups import RestoreDialog
    from minute_taker.ui.meeting.new_meeting_dialog import NewMeetingDialog
    from minute_taker.ui.publish.export_dialog import ExportDialog
    from minute_taker.ui.shortcuts_dialog import ShortcutsDialog

    return {
        "attendance": lambda w: AttendanceDialog(w.context, w),
        "committee": lambda w: CommitteeDialog(w.context, w.context.header.committee_id, w),
        "export": lambda w: ExportDialog(w.context, w),
        "new meeting": lambda w: NewMeetingDialog([], w),
        "restore": lambda w: RestoreDialog(w.context.book.path, w),
        "shortcuts": lambda w: ShortcutsDialog(w),
    }


@pytest.mark.parametrize("name", list(dialogs()))
def test_each_dialog(qtbot, open_window, demo_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    window = open_window(demo_path)
    dialog = dialogs()[name](window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert_named(dialog)


def test_the_review_window(qtbot, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from minute_taker.ui.review.window import ReviewWindow

    copy_path = tmp_path / "review.minutebook"
    with MinuteBook.open(demo_path, actor="Jackie Irvin") as book:
        review.send_for_review(book, 1, copy_path)
    copy = MinuteBook.open(copy_path, actor="Chair")
    info = review.review_copy_info(copy)
    assert info is not None
    reviewing = ReviewWindow(copy, info)
    qtbot.addWidget(reviewing)
    reviewing.show()
    assert_named(reviewing)

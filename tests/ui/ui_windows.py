"""Every window a clerk or a chair meets, made for the tests that walk them all (names
for screen readers, Alt+letters, shared keys). Imported by the tests beside it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from minute_taker.services import review
from minute_taker.store.book import MinuteBook


def dialog_makers() -> dict[str, Callable[..., QWidget]]:
    """Each dialog of the main window, by name, made on the window given."""
    from minute_taker.domain.agenda_import import read_text
    from minute_taker.ui.agenda.import_dialog import AgendaImportDialog
    from minute_taker.ui.attendance.committee_dialog import CommitteeDialog
    from minute_taker.ui.book.backups import RestoreDialog
    from minute_taker.ui.meeting.new_meeting_dialog import NewMeetingDialog
    from minute_taker.ui.publish.export_dialog import ExportDialog
    from minute_taker.ui.shortcuts_dialog import ShortcutsDialog

    return {
        "committee": lambda w: CommitteeDialog(w.context, w.context.header.committee_id, w),
        "export": lambda w: ExportDialog(w.context, w),
        "import agenda": lambda w: AgendaImportDialog(
            read_text("1. Apologies\n2. Budget\n   Presenter: CEX\n"), "agenda.txt", w),
        "new meeting": lambda w: NewMeetingDialog([], w),
        "restore": lambda w: RestoreDialog(w.context.book.path, w),
        "shortcuts": lambda w: ShortcutsDialog(w),
    }


def review_window(qtbot, book_path: Path, folder: Path) -> QWidget:  # type: ignore[no-untyped-def]
    """The chair's review window on a review copy of the book's first meeting."""
    from minute_taker.ui.review.window import ReviewWindow

    copy_path = folder / "review.minutebook"
    with MinuteBook.open(book_path, actor="Jackie Irvin") as book:
        review.send_for_review(book, 1, copy_path)
    copy = MinuteBook.open(copy_path, actor="Chair")
    info = review.review_copy_info(copy)
    assert info is not None
    reviewing = ReviewWindow(copy, info)
    qtbot.addWidget(reviewing)
    return reviewing


def open_chair_window(qtbot, copy: Path, *,  # type: ignore[no-untyped-def]
                      reviewer: str | None = "John Campion") -> QWidget:
    """The chair's window on the review copy at ``copy``, shown and active, as the
    desktop opens it. ``reviewer``: the name the chair gave before (None: not asked yet,
    as at the first opening)."""
    from minute_taker.ui.app import make_window
    from minute_taker.ui.review.window import ReviewWindow

    opened = MinuteBook.open(copy, actor="root")
    if reviewer is not None:
        review.set_reviewer(opened, reviewer)
    window = make_window(opened)
    assert isinstance(window, ReviewWindow)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window

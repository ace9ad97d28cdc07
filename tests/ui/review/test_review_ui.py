"""The review round trip through the windows: send from the main window, review in the
chair's review mode by keyboard, import back and accept the suggestion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from ui_keys import key, when_dialog_has_focus

from minute_taker.domain.enums import MeetingStatus
from minute_taker.domain.records import StandingItem
from minute_taker.domain.workflow import Transition
from minute_taker.services import agenda, approval, committees, meetings, review, review_import
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import ReviewSuggestion
from minute_taker.ui.app import make_window
from minute_taker.ui.review.import_dialog import ReviewImportDialog
from minute_taker.ui.review.window import ReviewWindow

PASSAGE = "short term plan is in place"


def select(window: ReviewWindow, text: str) -> None:
    found = window.viewer.document().find(text)
    assert not found.isNull(), text
    window.viewer.setTextCursor(found)


def answer(qtbot, window: ReviewWindow, text: str,  # type: ignore[no-untyped-def]
           press: str | Callable[[], None]) -> None:
    """Press ``press`` (a shortcut, or a call) for a comment, suggestion or return dialog
    and answer it by typing ``text`` over what it holds and pressing Ctrl+Enter; then
    wait for the window to have the keys again."""
    answered = []

    def fill(dialog: QWidget) -> None:
        editor = QApplication.focusWidget()
        key(qtbot, editor, "Ctrl+A")
        qtbot.keyClicks(editor, text)
        key(qtbot, editor, "Ctrl+Return")
        answered.append(not dialog.isVisible())

    when_dialog_has_focus(fill)
    if isinstance(press, str):
        key(qtbot, window.viewer, press)
    else:
        press()
    assert answered == [True]
    qtbot.waitUntil(lambda: window.isActiveWindow()
                    and QApplication.focusWidget() is window.viewer)


def test_send_for_review_from_the_meeting_menu(open_window, monkeypatch, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               demo_path: Path) -> None:
    window = open_window(demo_path)
    chosen = tmp_path / "to-the-chair"
    offered = []

    def save(parent, caption, suggested, filters):  # type: ignore[no-untyped-def]
        offered.append(Path(suggested))
        return str(chosen), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    assert "(Draft)" in window.switcher.currentText()
    window.review_workflow.send()
    # Beside the book at first, named for its round.
    assert offered == [demo_path.parent
                       / "Monthly Assurance Meeting 2017-10-31 round 1.review.minutebook"]
    written = tmp_path / "to-the-chair.review.minutebook"
    assert written.exists()
    assert window.context.header.status is MeetingStatus.IN_REVIEW
    assert "Round 1 review copy saved" in window.statusBar().currentMessage()
    assert "In review" in window.header.status.text()
    assert "(In review)" in window.switcher.currentText()  # the list says so at once

    window.review_workflow.send()  # the next round goes where the last one went
    assert offered[1] == tmp_path / "Monthly Assurance Meeting 2017-10-31 round 2.review.minutebook"


def test_the_chair_reviews_by_keyboard(qtbot, monkeypatch, chair_window: ReviewWindow,  # type: ignore[no-untyped-def]
                                       review_copy: Path) -> None:
    window = chair_window
    text = window.viewer.toPlainText()
    assert "Building a more secure West Mercia" in text and "DRAFT" in text
    assert "Review copy" in window.banner.text()

    # Ctrl+PgDown walks the items; the cursor lands on each heading.
    key(qtbot, window.viewer, "Ctrl+PgDown")
    first = window.anchors.item_at(window.viewer.textCursor().position())
    assert first is not None

    select(window, PASSAGE)
    answer(qtbot, window, "Please give the figures.", "Ctrl+M")
    select(window, PASSAGE)
    answer(qtbot, window, "The short-term plan is now in place", "Ctrl+Shift+S")
    assert window.notes.count() == 2
    shown = window.viewer.toPlainText()
    assert PASSAGE in shown and "The short-term plan is now in place" in shown  # both visible

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    key(qtbot, window.viewer, "Ctrl+Shift+A")
    assert "You approved these minutes" in window.banner.text()
    assert not window.comment_action.isEnabled() and not window.approve_action.isEnabled()
    with MinuteBook.open(review_copy) as copy:
        info = review.review_copy_info(copy)
        assert info is not None and info.verdict == "approved"
        [comment] = review.list_comments(copy, info.meeting_id)
        assert comment.quote == PASSAGE and comment.item_label.startswith("Item 1.2")
        [suggestion] = review.list_suggestions(copy, info.meeting_id)
        assert suggestion.target == "minutes"


def test_the_file_sent_back_with_the_window_open_holds_what_the_chair_did(  # type: ignore[no-untyped-def]
        qtbot, monkeypatch, chair_window: ReviewWindow, review_copy: Path, demo_path: Path,
        tmp_path: Path) -> None:
    """Issue 16, point 1: comments and the verdict stayed in the copy's -wal until the
    app quit, so a chair who attached the file to an e-mail with the window open sent
    back nothing. The e-mail carries one file, copied byte for byte while it is open."""
    window = chair_window
    for body in ("Please give the figures.", "Say which report."):
        select(window, PASSAGE)
        answer(qtbot, window, body, "Ctrl+M")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    key(qtbot, window.viewer, "Ctrl+Shift+A")
    assert "You approved these minutes" in window.banner.text()

    attached = tmp_path / "inbox" / review_copy.name
    attached.parent.mkdir()
    attached.write_bytes(review_copy.read_bytes())  # the window is still open
    with MinuteBook.open(demo_path, actor="Jackie Irvin") as clerk:
        result = review_import.import_review(clerk, attached)
        assert (result.added_comments, result.approval_applied) == (2, True)
        assert meetings.get_header(clerk, result.meeting_id).status is MeetingStatus.APPROVED


def test_import_review_and_accept_the_suggestion(qtbot, open_window, monkeypatch,  # type: ignore[no-untyped-def]
                                                 chair_window: ReviewWindow, review_copy: Path,
                                                 demo_path: Path) -> None:
    select(chair_window, PASSAGE)
    answer(qtbot, chair_window, "The short-term plan is now in place",
           chair_window.suggest_change)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    chair_window.approve()
    chair_window.close()

    window = open_window(demo_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(review_copy), ""))
    monkeypatch.setattr(ReviewImportDialog, "exec",
                        lambda self: ReviewImportDialog.DialogCode.Accepted)
    window.review_workflow.import_file()
    assert "subject to 1 suggested change" in window.statusBar().currentMessage()
    tabs = window.actions_panel.tabs
    assert tabs.currentWidget() is window.review_panel
    assert tabs.tabText(tabs.currentIndex()) == "Review (1)"

    standards = next(i for i in agenda.list_items(window.context.book, 1) if i.number == "1.2")
    window.agenda.select(standards.id)
    panel = window.review_panel
    panel.list.setCurrentRow(0)
    panel.list.setFocus()
    accept = panel.findChild(QAction, "review.accept")
    key(qtbot, panel.list, accept.shortcut().toString())
    assert window.context.header.status is MeetingStatus.APPROVED
    assert "The short-term plan is now in place" in window.notes.editor.toPlainText()
    assert window.notes.editor.isReadOnly()
    assert "Approved</b> by John Campion" in window.header.status.text()
    assert approval.verify_book(window.context.book)[0].matches
    assert meetings.get_header(window.context.book, 1).status is MeetingStatus.APPROVED


def test_a_refused_review_file_says_why(open_window, monkeypatch, demo_path: Path,  # type: ignore[no-untyped-def]
                                        tmp_path: Path) -> None:
    window = open_window(demo_path)
    fake = tmp_path / "holiday.review.minutebook"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    warnings = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(fake), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    window.review_workflow.import_file()
    assert len(warnings) == 1 and "not a review copy" in warnings[0]


def test_opening_a_review_copy_from_the_main_window_opens_review_mode(  # type: ignore[no-untyped-def]
        open_window, demo_path: Path, review_copy: Path) -> None:
    window = open_window(demo_path)
    window.books.switch_book(review_copy)
    [reviewing] = window.books.review_windows
    assert reviewing.isVisible() and reviewing.info.meeting_id == 1
    assert window.context.book.path == demo_path  # the book stays open behind it
    reviewing.close()


def test_record_previous_minutes_confirmed(qtbot, open_window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]

    with MinuteBook.open(demo_path) as book:
        meetings.change_status(book, 1, Transition.SEND_FOR_REVIEW)
        meetings.change_status(book, 1, Transition.APPROVE)
        committee = meetings.get_header(book, 1).committee_id
        standing = [StandingItem("Apologies"), StandingItem("Confirmation of the minutes")]
        committees.set_standing_items(book, committee, standing)
        later = meetings.create_meeting(book, committee, "November", dt.date(2017, 11, 28))
    window = open_window(demo_path)
    window.context.open_meeting(later.id)
    item = next(i for i in agenda.list_items(window.context.book, later.id)
                if i.title.startswith("Confirmation"))
    window.agenda.select(item.id)
    window.notes.editor.setFocus()
    key(qtbot, window.notes.editor, "Ctrl+Shift+C")
    assert "agreed as a correct record" in window.notes.decisions.item(0).text()
    info = approval.current_approval(window.context.book, 1)
    assert info is not None and info.confirmed_in is not None
    assert "agreed as a correct record" in window.statusBar().currentMessage()


def test_a_suggestion_counts_occurrences_in_the_minutes_not_the_agenda_text(  # type: ignore[no-untyped-def]
        qtbot, chair_window: ReviewWindow) -> None:
    # 5.1.1's agenda text, printed above its minutes, also says "(DVPNs)".
    window = chair_window
    document = window.viewer.document()
    in_agenda_text = document.find("DVPNs")
    in_minutes = document.find("DVPNs", in_agenda_text)
    window.viewer.setTextCursor(in_minutes)
    answer(qtbot, window, "Domestic Violence Protection Notices", window.suggest_change)
    [suggestion] = review.list_suggestions(window.book, window.info.meeting_id)
    assert suggestion.item_label.startswith("Item 5.1.1") and suggestion.target == "minutes"
    with window.book.unit_of_work() as session:
        row = session.get(ReviewSuggestion, suggestion.id)
        assert row is not None and row.occurrence == 0


def test_comments_after_the_last_item_are_on_the_minutes_as_a_whole(  # type: ignore[no-untyped-def]
        qtbot, chair_window: ReviewWindow) -> None:
    window = chair_window
    found = window.viewer.document().find("Abbreviations used")
    assert not found.isNull()
    window.viewer.setTextCursor(found)
    answer(qtbot, window, "Add HMIC.", window.add_comment)
    [comment] = review.list_comments(window.book, window.info.meeting_id)
    assert comment.item_id is None and comment.item_label == "The minutes as a whole"


def test_a_review_copy_open_in_another_window_is_read_only_there(  # type: ignore[no-untyped-def]
        qtbot, review_copy: Path) -> None:
    with MinuteBook.open(review_copy, actor="John Campion", claim=True) as first:
        second = MinuteBook.open(review_copy, actor="John Campion", claim=True)
        window = make_window(second)
        assert isinstance(window, ReviewWindow)
        qtbot.addWidget(window)
        try:
            assert first.read_only is None and second.read_only is not None
            assert "Read-only." in window.banner.text()
            assert "open for editing by John Campion" in window.banner.text()
            for action in (window.comment_action, window.suggest_action,
                           window.approve_action, window.return_action):
                assert not action.isEnabled()
        finally:
            window.close()
            second.close()

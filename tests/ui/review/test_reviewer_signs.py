"""The chair signs with their name, the clerk sees who approved and where, and refuses
an approval she does not accept (issue 16, points 2, 3 and 8).

Two computers: the clerk's and the chair's settings folders (MINUTE_TAKER_HOME) and
computer names, switched as the file travels between them by e-mail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from ui_keys import key, when_dialog_has_focus
from ui_windows import open_chair_window

from minute_taker.domain.enums import MeetingStatus
from minute_taker.services import review, review_import
from minute_taker.store.book import MinuteBook
from minute_taker.ui.review.import_dialog import ReviewImportDialog
from minute_taker.ui.review.window import ReviewWindow

CLERKS = "clerk-laptop, login jirvin"
CHAIRS = "chair-tablet, login jcampion"


class Computers:
    """Moves the test between the clerk's computer and the chair's."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
        self.monkeypatch, self.root = monkeypatch, root

    def use(self, who: str) -> None:
        home = self.root / who
        home.mkdir(parents=True, exist_ok=True)
        self.monkeypatch.setenv("MINUTE_TAKER_HOME", str(home))
        self.monkeypatch.setattr(review, "computer_name",
                                 lambda: CLERKS if who == "clerk" else CHAIRS)


@pytest.fixture
def computers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Computers:
    return Computers(monkeypatch, tmp_path / "computers")


@pytest.fixture
def sent(computers: Computers, demo_path: Path, tmp_path: Path) -> Path:
    computers.use("clerk")
    copy = tmp_path / "mail" / "October.review.minutebook"
    copy.parent.mkdir()
    with MinuteBook.open(demo_path, actor="Jackie Irvin") as book:
        review.send_for_review(book, 1, copy)
    return copy


def comment(qtbot, window: ReviewWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: QWidget) -> None:
        qtbot.keyClicks(QApplication.focusWidget(), text)
        key(qtbot, QApplication.focusWidget(), "Ctrl+Return")
    when_dialog_has_focus(fill)
    key(qtbot, window.viewer, "Ctrl+M")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.viewer)


def test_the_first_opening_asks_who_is_reviewing_and_signs_with_it(
        qtbot, computers: Computers, sent: Path, demo_path: Path,
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    computers.use("chair")
    window = open_chair_window(qtbot, sent, reviewer=None)
    assert isinstance(window, ReviewWindow)
    # Asked first: the meeting's chair offered, selected to type over; nothing signed yet.
    assert QApplication.focusWidget() is window.reviewer_edit
    assert window.reviewer_edit.selectedText() == "John Campion"
    assert "First, who is reviewing?" in window.banner.text()
    assert not window.comment_action.isEnabled()

    qtbot.keyClicks(window.reviewer_edit, "Cllr John Campion")
    key(qtbot, window.reviewer_edit, "Return")
    assert QApplication.focusWidget() is window.viewer
    assert window.comment_action.isEnabled()
    assert "Signed as Cllr John Campion" in window.statusBar().currentMessage()

    comment(qtbot, window, "Add the date of the next meeting.")
    assert window.notes.item(0).text().endswith("\u2014 Cllr John Campion")

    # A slip in the name, put right: Alt+N, retype, Enter; what was signed follows.
    key(qtbot, window.viewer, "Alt+N")
    assert QApplication.focusWidget() is window.reviewer_edit
    window.reviewer_edit.selectAll()
    qtbot.keyClicks(window.reviewer_edit, "John Campion")
    key(qtbot, window.reviewer_edit, "Return")
    assert window.notes.item(0).text().endswith("\u2014 John Campion")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    key(qtbot, window.viewer, "Ctrl+Shift+A")
    assert window.reviewer_edit.isReadOnly() and not window.sign_button.isVisible()
    window.close()

    again = open_chair_window(qtbot, sent, reviewer=None)  # the next time: not asked
    assert isinstance(again, ReviewWindow)
    assert again.reviewer_edit.text() == "John Campion"
    assert QApplication.focusWidget() is again.viewer
    again.close()

    computers.use("clerk")
    with MinuteBook.open(demo_path, actor="Jackie Irvin") as book:
        plan = review_import.plan_import(book, sent)
    assert (plan.reviewer, plan.verdict_computer, plan.warnings) == ("John Campion", CHAIRS, ())


def test_the_clerk_is_warned_and_refuses_her_own_approval(
        qtbot, open_window, computers: Computers, sent: Path, demo_path: Path,
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The clerk opens her outgoing copy on her own computer and approves it as herself.
    with MinuteBook.open(sent) as copy:
        review.set_reviewer(copy, "Jackie Irvin")
        info = review.review_copy_info(copy)
        assert info is not None
        review.add_comment(copy, info.meeting_id, "Fine.")
        review.approve_review(copy, info.meeting_id)

    window = open_window(demo_path)
    seen: list[str] = []

    def weigh_and_refuse(dialog: QWidget) -> None:
        assert isinstance(dialog, ReviewImportDialog)
        warnings = dialog.findChild(QWidget, "reviewWarnings")
        assert warnings is not None and warnings.isVisible()
        seen.append(warnings.text())
        key(qtbot, QApplication.focusWidget(), "Alt+F")  # Refuse this approval
        qtbot.waitUntil(dialog.refuses_approval)  # a button's letter clicks it after a moment
        key(qtbot, QApplication.focusWidget(), "Alt+I")  # Import
        qtbot.waitUntil(lambda: not dialog.isVisible())

    when_dialog_has_focus(weigh_and_refuse)
    window.review_workflow.import_file(str(sent))

    [text] = seen
    assert "Jackie Irvin, who is not the meeting's chair (John Campion)" in text
    assert f"sent from ({CLERKS})" in text
    assert window.context.header.status is MeetingStatus.IN_REVIEW
    assert "refused the approval signed by Jackie Irvin" in window.statusBar().currentMessage()
    assert "(In review)" in window.switcher.currentText()


def test_a_comment_that_came_with_the_approval_is_resolved_after_it(
        qtbot, open_window, sent: Path, demo_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with MinuteBook.open(sent) as copy:
        review.set_reviewer(copy, "John Campion")
        review.add_comment(copy, 1, "Send the final copy to the PCC's office.")
        review.approve_review(copy, 1)
    window = open_window(demo_path)
    monkeypatch.setattr(ReviewImportDialog, "exec",
                        lambda self: ReviewImportDialog.DialogCode.Accepted)
    window.review_workflow.import_file(str(sent))
    assert window.context.header.status is MeetingStatus.APPROVED

    window.show_review_panel()
    panel = window.review_panel
    panel.list.setCurrentRow(0)
    panel.list.setFocus()
    qtbot.waitUntil(panel.list.hasFocus)
    accept = panel.findChild(QAction, "review.accept")
    key(qtbot, panel.list, accept.shortcut().toString())
    [comment] = review.list_comments(window.context.book, 1)
    assert comment.resolved and comment.resolved_by == window.context.book.actor
    assert panel.list.hasFocus()


def test_the_second_round_lists_the_first_rounds_points_and_what_became_of_them(
        qtbot, computers: Computers, sent: Path, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    computers.use("chair")
    with MinuteBook.open(sent) as copy:
        review.set_reviewer(copy, "John Campion")
        review.add_comment(copy, 1, "Which report?")
        review.return_review(copy, 1, "One question.")
    computers.use("clerk")
    with MinuteBook.open(demo_path, actor="Jackie Irvin") as book:
        review_import.import_review(book, sent)
        [which] = review.list_comments(book, 1)
        review.resolve_comment(book, which.id)
        second = sent.with_name(review.default_file_name(book, 1))
        review.send_for_review(book, 1, second)
    assert "round 2" in second.name

    computers.use("chair")  # a new copy: asked again, the chair offered
    window = open_chair_window(qtbot, second, reviewer=None)
    assert isinstance(window, ReviewWindow)
    assert window.reviewer_edit.text() == "John Campion"
    assert "round 2" in window.banner.text()
    first = window.notes.item(0).text()
    assert first.startswith("Earlier round \u00b7 resolved by Jackie Irvin")
    assert "Which report?" in first
    window.close()

"""Issue 16, point 5: the chair's view is the export's layout, whole, with marks added.

As soon as one comment or suggestion was marked, the sections after the items (the
actions arising table's heading, the date of the next meeting, the abbreviations) took
no room and were not drawn: Qt had not finished laying the page out when the marks
edited it. The view's text, as drawn, is compared with the HTML export's."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QWidget
from ui_keys import key, when_dialog_has_focus
from ui_windows import open_chair_window

from minute_taker.export.formats import ExportRequest, render
from minute_taker.services import publishing, review
from minute_taker.store.book import MinuteBook
from minute_taker.ui.review.window import ReviewWindow

# (words selected in the view, what the chair does with them): a suggestion's new wording,
# or a comment (its text starting "Comment: ").
CHAIR = [
    ("short term plan is in place", "short-term plan has been in place since September"),
    ("five volunteers following up contacts", "Comment: How many are trained now?"),
    ("Any other business", "Other business"),  # an item's title
    ("8th to 4th", "eighth to fourth"),
    ("brief oral update", "short oral update"),
    ("reviewing the holding to account process", "Comment: By when?"),
]
# The lines after the items, as they start (items have "Actions arising:" labels and an
# item "Date of next meeting" of their own).
SECTIONS = ("Actions arising", "Date of next meeting:", "Abbreviations used")


@pytest.fixture
def copies(tmp_path: Path, demo_path: Path) -> tuple[Path, str]:
    """The review copy of the sample meeting (actions, the next meeting's date, a list
    of abbreviations), and the text of the meeting's HTML export."""
    copy = tmp_path / "October.review.minutebook"
    with MinuteBook.open(demo_path, actor="Jackie Irvin") as book:
        review.send_for_review(book, 1, copy)
        prepared = publishing.prepare(book, ExportRequest(1, "html", public=False))
    page = QTextDocument()
    page.setHtml(render(prepared).data.decode("utf-8"))
    return copy, page.toPlainText()


@pytest.fixture
def chair_window(qtbot, copies: tuple[Path, str]) -> Iterator[ReviewWindow]:  # type: ignore[no-untyped-def]
    window = open_chair_window(qtbot, copies[0])
    yield window
    window.close()


def words(text: str) -> str:
    return " ".join(text.split())


def drawn_lines(window: ReviewWindow) -> list[str]:
    """The view's lines (blocks) as laid out to be drawn: those that take no room are
    not seen."""
    seen = []
    block = window.viewer.document().begin()
    while block.isValid():
        layout = block.layout()
        if layout is not None and layout.lineCount() > 0:
            seen.append(words(block.text()))
        block = block.next()
    return seen


def has_section(lines: list[str], section: str) -> bool:
    return any(line == section or (section.endswith(":") and line.startswith(section))
               for line in lines)


def laid_out(window: ReviewWindow) -> bool:
    document = window.viewer.document()
    block = document.begin()
    while block.isValid():
        if block.layout() is None or block.layout().lineCount() == 0:
            return False
        block = block.next()
    return True


def unmarked(text: str, suggestions: list[tuple[str, str]]) -> str:
    """The view's text without the wording the marks show beside each original."""
    for original, proposal in suggestions:
        marked = f"{original} {proposal}"
        assert marked in text, marked
        text = text.replace(marked, original, 1)
    return text


def mark(qtbot, window: ReviewWindow, words_there: str, answer: str) -> None:  # type: ignore[no-untyped-def]
    """Select ``words_there`` with Shift+Right and comment or suggest, by keyboard."""
    found = window.viewer.document().find(words_there)
    assert not found.isNull(), words_there
    cursor = window.viewer.textCursor()
    cursor.setPosition(found.selectionStart())
    window.viewer.setTextCursor(cursor)
    for _ in words_there:
        key(qtbot, window.viewer, "Shift+Right")
    comment = answer.startswith("Comment: ")

    def fill(dialog: QWidget) -> None:
        editor = QApplication.focusWidget()
        key(qtbot, editor, "Ctrl+A")
        qtbot.keyClicks(editor, answer.removeprefix("Comment: "))
        key(qtbot, editor, "Ctrl+Return")

    when_dialog_has_focus(fill)
    key(qtbot, window.viewer, "Ctrl+M" if comment else "Ctrl+Shift+S")
    qtbot.waitUntil(lambda: window.isActiveWindow()
                    and QApplication.focusWidget() is window.viewer)


def test_the_view_is_the_export_whole_with_marks_added(  # type: ignore[no-untyped-def]
        qtbot, chair_window: ReviewWindow, copies: tuple[Path, str]) -> None:
    window, exported = chair_window, words(copies[1])
    qtbot.waitUntil(lambda: laid_out(window))
    for section in SECTIONS:
        assert section in exported
        assert has_section(drawn_lines(window), section)
    assert words(" ".join(drawn_lines(window))) == exported  # before any mark

    for passage, answer in CHAIR:
        mark(qtbot, window, passage, answer)
    suggestions = review.list_suggestions(window.book, window.info.meeting_id)
    assert len(suggestions) == 4 and len(review.list_comments(window.book, 1)) == 2
    assert {s.target for s in suggestions} == {"title", "minutes"}
    proposals = [(s.original, s.proposal) for s in suggestions]

    assert unmarked(words(window.viewer.toPlainText()), proposals) == exported
    with contextlib.suppress(qtbot.TimeoutError):  # what was left out shows below
        qtbot.waitUntil(lambda: laid_out(window), timeout=2000)
    drawn = drawn_lines(window)
    for section in SECTIONS:
        assert has_section(drawn, section), f"{section!r} is not drawn"
    assert unmarked(words(" ".join(drawn)), proposals) == exported

"""Each item keeps its own underlines (issue 18): switching back to an item does not
check it again (it took 50 ms of a 100,000-word item's switch) and the item left keeps
its underlines; a word accepted meanwhile in another item is not underlined when the
first is shown again."""

from __future__ import annotations

from pathlib import Path

import pytest
from spelling_marks import underlined

from minute_taker.domain.spelling import SpellChecker
from minute_taker.services import agenda, interchange, meetings
from minute_taker.store.book import MinuteBook


@pytest.fixture
def two_items(book_path: Path) -> tuple[Path, int, int]:
    with MinuteBook.open(book_path) as book:
        interchange.load_demo(book)
        meeting = meetings.list_meetings(book)[0].id
        first, second = (node.id for node in agenda.list_items(book, meeting)[:2])
        agenda.set_item_minutes(book, first, "<p>The chair said teh report was late.</p>")
        agenda.set_item_minutes(book, second, "<p>Members asked abuot the figures.</p>")
    return book_path, first, second


def at_first_item(qtbot, open_window, two_items):  # type: ignore[no-untyped-def]
    """The window on the first item, the dictionary loaded: the window, the first item's
    document, the two items' ids."""
    path, first, second = two_items
    window = open_window(path)
    qtbot.waitUntil(lambda: window.notes.spelling.is_ready, timeout=30_000)
    window.agenda.select(first)
    return window, window.notes.editor.document(), first, second


def test_an_item_switched_back_to_keeps_its_underlines_and_is_not_checked_again(
        qtbot, open_window, two_items, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    window, first_document, first, second = at_first_item(qtbot, open_window, two_items)
    assert underlined(first_document) == ["teh"]
    window.agenda.select(second)
    assert underlined(window.notes.editor.document()) == ["abuot"]
    assert underlined(first_document) == ["teh"]  # the item left keeps its underlines

    checked: list[str] = []
    real = SpellChecker.misspelt
    monkeypatch.setattr(SpellChecker, "misspelt",
                        lambda self, text: checked.append(text) or real(self, text))
    window.agenda.select(first)
    assert window.notes.editor.document() is first_document
    assert checked == []  # shown again as it was, not checked again
    assert underlined(first_document) == ["teh"]


def test_a_word_ignored_in_one_item_is_not_underlined_in_another_shown_later(
        qtbot, open_window, two_items) -> None:  # type: ignore[no-untyped-def]
    window, first_document, first, second = at_first_item(qtbot, open_window, two_items)
    window.agenda.select(second)
    window.notes.spelling.ignore_word("teh")  # as from the menu, while the second item is shown
    window.agenda.select(first)
    assert window.notes.editor.document() is first_document
    assert underlined(first_document) == []

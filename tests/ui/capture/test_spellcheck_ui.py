"""Spell-checking in the notes editor: underlines, the spelling menu and the keyboard path."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QFont, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QTextEdit
from spelling_marks import underlined

from minute_taker.ui.capture.notes_editor import NotesEditor
from minute_taker.ui.capture.spellcheck import (
    UNDERLINE_COLOUR,
    SpellCheckHighlighter,
    engine_loader,
    install_spellcheck,
    suggestions_menu_at_cursor,
)

# Menus pop up for real here; the offscreen platform says it cannot raise or grab them.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise",
                                       "This plugin does not support grabbing the keyboard")



@dataclass
class Spelling:
    editor: NotesEditor
    highlighter: SpellCheckHighlighter
    words: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


@pytest.fixture
def editor(qtbot) -> NotesEditor:  # type: ignore[no-untyped-def]
    widget = NotesEditor()
    qtbot.addWidget(widget)
    widget.resize(520, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def spelling(qtbot, editor: NotesEditor) -> Spelling:  # type: ignore[no-untyped-def]
    words = ["Blakeman"]
    added: list[str] = []

    def add_word(word: str) -> None:
        added.append(word)
        words.append(word)

    highlighter = install_spellcheck(editor, lambda: list(words), add_word)
    # The dictionary loads on a worker thread, once per process.
    qtbot.waitUntil(lambda: highlighter.is_ready, timeout=30_000)
    return Spelling(editor, highlighter, words, added)


def cursor_at(editor: QTextEdit, position: int) -> QTextCursor:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    return cursor


def spelling_actions(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if a.objectName().startswith("spelling")]


def test_a_misspelt_word_is_underlined_in_red_once_typed_past(qtbot, spelling: Spelling
                                                              ) -> None:  # type: ignore[no-untyped-def]
    editor = spelling.editor
    qtbot.keyClicks(editor, "The wrold")
    assert underlined(editor) == []  # still being typed
    qtbot.keyClicks(editor, " is")
    assert underlined(editor) == ["wrold"]
    span = editor.document().firstBlock().layout().formats()[0]
    assert span.format.underlineColor() == UNDERLINE_COLOUR


def test_a_word_left_by_moving_the_cursor_is_underlined(qtbot, spelling: Spelling
                                                        ) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(spelling.editor, "The wrold")
    qtbot.keyClick(spelling.editor, Qt.Key.Key_Home)
    assert underlined(spelling.editor) == ["wrold"]


def test_british_spellings_names_and_abbreviations_are_not_underlined(spelling: Spelling
                                                                      ) -> None:
    spelling.editor.setPlainText(
        "The colour of the organisation's programme was analysed at the centre; "
        "Blakeman (DCC) travelled on 2nd May. Cllr Smith noted it, as did Blakemann.")
    assert underlined(spelling.editor) == ["Blakemann"]


def test_american_spellings_are_underlined(spelling: Spelling) -> None:
    spelling.editor.setPlainText("The color of the organization.\nA second paragraf.")
    assert underlined(spelling.editor) == ["color", "organization", "paragraf"]


def test_underlining_never_announces_an_edit(qtbot, spelling: Spelling
                                             ) -> None:  # type: ignore[no-untyped-def]
    """Autosave and undo listen to contentsChanged: an underline is not a change."""
    editor, highlighter = spelling.editor, spelling.highlighter
    qtbot.keyClicks(editor, "The wrold")
    changes: list[int] = []
    editor.document().contentsChanged.connect(lambda: changes.append(1))
    editor.textChanged.connect(lambda: changes.append(2))
    qtbot.keyClick(editor, Qt.Key.Key_Home)  # the deferred word is now underlined
    highlighter.refresh_words()
    highlighter.ignore_word("wrold")
    highlighter.clear_ignored()
    highlighter.set_engine(engine_loader().engine)  # as when the dictionary arrives
    assert underlined(editor) == ["wrold"]
    assert changes == []
    assert editor.document().availableUndoSteps() == 1


def test_the_menu_offers_suggestions_then_add_and_ignore(spelling: Spelling) -> None:
    editor, highlighter = spelling.editor, spelling.highlighter
    editor.setPlainText("The wrold is round.")
    menu = highlighter.context_menu(cursor_at(editor, 6))
    assert spelling_actions(menu)[0] == "world"
    assert spelling_actions(menu)[-2:] == ["Add \u201cwrold\u201d to this book\u2019s dictionary",
                                           "Ignore \u201cwrold\u201d in this meeting"]
    assert len(spelling_actions(menu)) <= 7
    assert any("Copy" in a.text() for a in menu.actions())  # the editor's own menu follows
    menu.deleteLater()


def test_a_correct_word_has_no_spelling_choices(spelling: Spelling) -> None:
    spelling.editor.setPlainText("The world is round.")
    menu = spelling.highlighter.context_menu(cursor_at(spelling.editor, 6))
    assert spelling_actions(menu) == []
    menu.deleteLater()


def test_choosing_a_suggestion_replaces_the_word_in_one_undo_step(spelling: Spelling) -> None:
    editor, highlighter = spelling.editor, spelling.highlighter
    editor.setHtml("<p>The <b>wrold</b> is round.</p>")
    menu = highlighter.context_menu(cursor_at(editor, 5))
    next(a for a in menu.actions() if a.text() == "world").trigger()
    assert editor.toPlainText() == "The world is round."
    assert underlined(editor) == []
    assert cursor_at(editor, 6).charFormat().fontWeight() == QFont.Weight.Bold
    editor.undo()
    assert editor.toPlainText() == "The wrold is round."
    menu.deleteLater()


def test_add_to_the_books_dictionary(spelling: Spelling) -> None:
    editor, highlighter = spelling.editor, spelling.highlighter
    editor.setPlainText("Minutes by Jackie Irvinne.")
    assert underlined(editor) == ["Irvinne"]
    menu = highlighter.context_menu(cursor_at(editor, 20))
    next(a for a in menu.actions() if a.objectName() == "spellingAddWord").trigger()
    assert spelling.added == ["Irvinne"]
    assert underlined(editor) == []
    menu.deleteLater()


def test_ignore_in_this_meeting_lasts_until_cleared(spelling: Spelling) -> None:
    editor, highlighter = spelling.editor, spelling.highlighter
    editor.setPlainText("Held at Wrexam.")
    menu = highlighter.context_menu(cursor_at(editor, 10))
    next(a for a in menu.actions() if a.objectName() == "spellingIgnoreWord").trigger()
    assert underlined(editor) == []
    assert spelling.added == []
    highlighter.clear_ignored()
    assert underlined(editor) == ["Wrexam"]
    menu.deleteLater()


def test_the_keyboard_menu_reaches_the_word_just_typed_past(qtbot, spelling: Spelling
                                                            ) -> None:  # type: ignore[no-untyped-def]
    editor = spelling.editor
    qtbot.keyClicks(editor, "The wrold ")
    menu = suggestions_menu_at_cursor(editor)
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    assert menu.activeAction() is not None
    assert menu.activeAction().text() == "world"
    menu.activeAction().trigger()
    menu.close()
    assert editor.toPlainText() == "The world "


def test_no_keyboard_menu_without_spellcheck(qtbot) -> None:  # type: ignore[no-untyped-def]
    plain = QTextEdit()
    qtbot.addWidget(plain)
    assert suggestions_menu_at_cursor(plain) is None


def test_a_right_click_on_a_word_pops_the_spelling_menu(qtbot, spelling: Spelling
                                                        ) -> None:  # type: ignore[no-untyped-def]
    editor = spelling.editor
    editor.setPlainText("The wrold is round.")
    where = editor.cursorRect(cursor_at(editor, 6)).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where,
                              editor.viewport().mapToGlobal(where))
    QApplication.sendEvent(editor.viewport(), event)
    menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
    assert len(menus) == 1
    assert spelling_actions(menus[0])[0] == "world"
    menus[0].close()


def test_a_read_only_editor_has_underlines_but_no_spelling_choices(spelling: Spelling
                                                                   ) -> None:
    editor = spelling.editor
    editor.setPlainText("The wrold is round.")
    editor.setReadOnly(True)
    assert underlined(editor) == ["wrold"]
    menu = spelling.highlighter.context_menu(cursor_at(editor, 6))
    assert spelling_actions(menu) == []
    menu.deleteLater()


def test_underlines_land_right_after_an_emoji(spelling: Spelling) -> None:
    spelling.editor.setPlainText("\U0001F600 wrold")
    span = spelling.editor.document().firstBlock().layout().formats()[0]
    assert (span.start, span.length) == (3, 5)  # Qt counts the emoji as two


def test_nothing_is_underlined_before_the_dictionary_arrives(qtbot, editor: NotesEditor
                                                              ) -> None:  # type: ignore[no-untyped-def]
    highlighter = SpellCheckHighlighter(editor)
    highlighter._checker = None  # as before the worker has finished (once per process)
    editor.setPlainText("The wrold is round.")
    assert underlined(editor) == []
    menu = highlighter.context_menu(cursor_at(editor, 6))
    assert [a.text() for a in menu.actions()][0] == "Spelling dictionary loading\u2026"
    menu.deleteLater()

"""Name completion in the notes editor, driven from the keyboard as a clerk types."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QInputMethodEvent, QTextCursor, QTextListFormat
from PySide6.QtWidgets import QApplication
from ui_keys import key

from minute_taker.domain.completion import CompletionEntry, build_entries
from minute_taker.domain.records import Abbreviation, PersonInfo
from minute_taker.ui.capture.completion import NameCompleter, install_completion
from minute_taker.ui.capture.notes_editor import NotesEditor

PEOPLE = [
    PersonInfo(id=1, uid="u1", name="Amanda Blakeman", role="Deputy Chief Constable",
               abbreviation="DCC", initials="AB"),
    PersonInfo(id=2, uid="u2", name="Jane Amis", title="Cllr", role="Member"),
]
ABBREVIATIONS = [Abbreviation("PCC", "Police and Crime Commissioner"),
                 Abbreviation("DPCC", "Deputy Police and Crime Commissioner")]


@pytest.fixture
def editor(qtbot) -> NotesEditor:  # type: ignore[no-untyped-def]
    widget = NotesEditor()
    qtbot.addWidget(widget)
    widget.resize(520, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def reads() -> list[int]:
    return []


@pytest.fixture
def completer(editor: NotesEditor, reads: list[int]) -> NameCompleter:
    def entries() -> list[CompletionEntry]:
        reads.append(1)
        return build_entries(PEOPLE, ABBREVIATIONS)

    return install_completion(editor, entries)


def rows(completer: NameCompleter) -> list[str]:
    if not completer.popup.isVisible():
        return []
    model = completer.popup.model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_typing_an_abbreviation_opens_the_list(qtbot, editor: NotesEditor,
                                               completer: NameCompleter
                                               ) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "Reported by the DCC")
    assert rows(completer) == ["Deputy Chief Constable (Amanda Blakeman)",
                               "Amanda Blakeman (DCC)",
                               "DCC \u2013 Deputy Chief Constable (Amanda Blakeman)"]
    assert completer.popup.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert editor.toPlainText() == "Reported by the DCC"


def test_down_then_enter_inserts_the_expansion(qtbot, editor: NotesEditor,
                                               completer: NameCompleter
                                               ) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "The DCC")
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "The Deputy Chief Constable"
    assert not completer.popup.isVisible()
    qtbot.keyClicks(editor, " said")
    assert editor.toPlainText() == "The Deputy Chief Constable said"


def test_tab_inserts_the_first_row_and_the_arrows_choose_another(
        qtbot, editor: NotesEditor, completer: NameCompleter) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "DCC")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "Deputy Chief Constable"
    qtbot.keyClicks(editor, " and DCC")
    for _ in range(2):
        qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "Deputy Chief Constable and Amanda Blakeman"


def test_enter_without_a_choice_starts_a_new_paragraph(qtbot, editor: NotesEditor,
                                                       completer: NameCompleter
                                                       ) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "Action: DCC")
    assert completer.popup.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Next")
    assert editor.toPlainText() == "Action: DCC\nNext"
    assert not completer.popup.isVisible()


def test_space_and_punctuation_close_the_list_and_are_typed(qtbot, editor: NotesEditor,
                                                            completer: NameCompleter
                                                            ) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "DCC")
    qtbot.keyClicks(editor, " ")
    assert not completer.popup.isVisible()
    qtbot.keyClicks(editor, "PCC")
    assert completer.popup.isVisible()
    qtbot.keyClicks(editor, ".")
    assert not completer.popup.isVisible()
    assert editor.toPlainText() == "DCC PCC."


def test_typing_narrows_the_list_and_backspace_widens_it(qtbot, editor: NotesEditor,
                                                        completer: NameCompleter
                                                        ) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "Am")
    assert rows(completer) == ["Amanda Blakeman (DCC)", "Cllr Jane Amis (Member)"]
    qtbot.keyClicks(editor, "a")
    assert rows(completer) == ["Amanda Blakeman (DCC)"]
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert rows(completer) == ["Amanda Blakeman (DCC)", "Cllr Jane Amis (Member)"]
    qtbot.keyClicks(editor, "x")
    assert rows(completer) == []
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # deleting does not open a closed list
    assert rows(completer) == []


def test_escape_closes_the_list_for_the_rest_of_the_word(qtbot, editor: NotesEditor,
                                                         completer: NameCompleter
                                                         ) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "Am")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not completer.popup.isVisible()
    qtbot.keyClicks(editor, "a")
    assert not completer.popup.isVisible()
    qtbot.keyClicks(editor, " Am")
    assert completer.popup.isVisible()


def test_a_lower_case_word_opens_nothing_unless_asked(qtbot, editor: NotesEditor,
                                                      completer: NameCompleter
                                                      ) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "the dcc")
    assert not completer.popup.isVisible()
    completer.complete_at_cursor()
    assert rows(completer)[0] == "DCC \u2013 Deputy Chief Constable (Amanda Blakeman)"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "the DCC"


def test_typing_inside_a_word_opens_nothing(qtbot, editor: NotesEditor,
                                           completer: NameCompleter
                                           ) -> None:  # type: ignore[no-untyped-def]
    editor.setPlainText("Amanda")
    cursor = editor.textCursor()
    cursor.setPosition(2)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "m")
    assert not completer.popup.isVisible()
    assert editor.toPlainText() == "Ammanda"


def test_pasted_or_loaded_text_opens_nothing(editor: NotesEditor,
                                            completer: NameCompleter) -> None:
    editor.insertPlainText("DCC")
    assert not completer.popup.isVisible()
    editor.setPlainText("PCC")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    assert not completer.popup.isVisible()


def test_moving_the_cursor_away_closes_the_list(qtbot, editor: NotesEditor,
                                                completer: NameCompleter
                                                ) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "DCC")
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    assert not completer.popup.isVisible()


def test_a_click_on_a_row_inserts_it(qtbot, editor: NotesEditor,
                                     completer: NameCompleter
                                     ) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "PCC")
    view = completer.popup
    where = view.visualRect(view.model().index(0, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert editor.toPlainText() == "Police and Crime Commissioner"


def test_a_completion_is_undone_in_one_step(qtbot, editor: NotesEditor,
                                            completer: NameCompleter
                                            ) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "Met Blak")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "Met Amanda Blakeman"
    editor.undo()
    assert editor.toPlainText() == "Met Blak"


def test_a_read_only_editor_offers_nothing(qtbot, editor: NotesEditor,
                                           completer: NameCompleter
                                           ) -> None:  # type: ignore[no-untyped-def]
    editor.setReadOnly(True)
    qtbot.keyClicks(editor, "DCC")
    assert not completer.popup.isVisible()


def test_entries_are_read_once_until_invalidated(qtbot, editor: NotesEditor,
                                                 completer: NameCompleter, reads: list[int]
                                                 ) -> None:  # type: ignore[no-untyped-def]
    assert reads == []  # nothing read until a word is typed
    qtbot.keyClicks(editor, "DCC PCC Aman")
    assert reads == [1]
    completer.invalidate()
    qtbot.keyClicks(editor, " Bla")
    assert reads == [1, 1]
    assert completer.popup.isVisible()


def test_the_inserted_signal_says_what_was_chosen(qtbot, editor: NotesEditor,
                                                  completer: NameCompleter
                                                  ) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "DCC")
    with qtbot.waitSignal(completer.inserted) as chosen:
        qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert chosen.args[0].insert == "Deputy Chief Constable"


def test_text_composed_by_an_input_method_counts_as_typing(qtbot, editor: NotesEditor,
                                                           completer: NameCompleter
                                                           ) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "The ")
    event = QInputMethodEvent()
    event.setCommitString("Bl\u00e1")  # as from a dead key: the accent is not in the name
    QApplication.sendEvent(editor, event)
    assert editor.toPlainText() == "The Bl\u00e1"
    assert not completer.popup.isVisible()
    event = QInputMethodEvent()
    event.setCommitString("Am")
    QApplication.sendEvent(editor, event)
    assert not completer.popup.isVisible()  # "Bl\u00e1Am" is one word, and no name
    qtbot.keyClicks(editor, " ")
    event = QInputMethodEvent()
    event.setCommitString("Am")
    QApplication.sendEvent(editor, event)
    assert rows(completer) == ["Amanda Blakeman (DCC)", "Cllr Jane Amis (Member)"]


# Keys that mean something else in the editor (issue 13, slip 5): the list never takes
# them, however it was opened; it takes a key only where it has no other meaning.

def list_level(editor: NotesEditor) -> int:
    current = editor.textCursor().currentList()
    return current.format().indent() if current is not None else 0


def bold_first_row(completer: NameCompleter) -> bool:
    return bool(completer.model.item(0).font().bold())


def start_bulleted_list(editor: NotesEditor) -> None:
    editor.toggle_list(QTextListFormat.Style.ListDisc)
    assert list_level(editor) == 1


def test_tab_at_the_end_of_a_list_line_nests_it_and_keeps_the_abbreviation(
        qtbot, editor: NotesEditor, completer: NameCompleter) -> None:  # type: ignore[no-untyped-def]
    start_bulleted_list(editor)
    qtbot.keyClicks(editor, "Report from the DPCC")
    assert rows(completer)[0] == "Deputy Police and Crime Commissioner"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "Report from the DPCC"
    assert list_level(editor) == 2
    assert not completer.popup.isVisible()
    qtbot.keyClicks(editor, " and DCC")  # in a list a name is still taken: Down, Enter
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "Report from the DPCC and Deputy Chief Constable"
    assert list_level(editor) == 2


def test_the_row_tab_inserts_is_bold_and_none_is_in_a_list(
        qtbot, editor: NotesEditor, completer: NameCompleter) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "DPCC")
    assert bold_first_row(completer)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    start_bulleted_list(editor)
    qtbot.keyClicks(editor, "DPCC")
    assert completer.popup.isVisible()
    assert not bold_first_row(completer)


def test_shift_tab_in_a_list_un_nests_and_keeps_the_word(
        qtbot, editor: NotesEditor, completer: NameCompleter) -> None:  # type: ignore[no-untyped-def]
    start_bulleted_list(editor)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert list_level(editor) == 2
    qtbot.keyClicks(editor, "DPCC")
    assert completer.popup.isVisible()
    # Shift+Tab arrives as Backtab from keyboards and as Shift+Tab from some tools.
    qtbot.keyClick(editor, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert list_level(editor) == 1
    assert editor.toPlainText() == "DPCC"


def test_up_then_return_moves_up_and_starts_a_new_paragraph(
        qtbot, editor: NotesEditor, completer: NameCompleter) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "Minutes")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Report from the DPCC")
    assert completer.popup.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    assert editor.textCursor().blockNumber() == 0
    assert not completer.popup.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    paragraphs = editor.toPlainText().split("\n")
    assert len(paragraphs) == 3
    assert "".join(paragraphs[:2]) == "Minutes"
    assert paragraphs[2] == "Report from the DPCC"


def test_up_on_the_only_line_closes_the_list_and_return_starts_a_paragraph(
        qtbot, editor: NotesEditor, completer: NameCompleter) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "Report from the DPCC")
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    assert not completer.popup.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.document().blockCount() == 2
    assert editor.toPlainText().replace("\n", "") == "Report from the DPCC"


def test_down_with_a_line_below_moves_the_cursor(
        qtbot, editor: NotesEditor, completer: NameCompleter) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "Present:")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Apologies")
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, " DCC")
    assert completer.popup.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert editor.textCursor().blockNumber() == 1
    assert not completer.popup.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText().split("\n")[0] == "Present: DCC"
    assert editor.document().blockCount() == 3


def test_shift_with_the_arrows_or_enter_is_the_editors(
        qtbot, editor: NotesEditor, completer: NameCompleter) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "Minutes")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "The DCC")
    qtbot.keyClick(editor, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert editor.textCursor().hasSelection()  # Shift+Up selects, as always
    assert not completer.popup.isVisible()
    key(qtbot, editor, "Ctrl+End")
    qtbot.keyClicks(editor, " Blak")
    qtbot.keyClick(editor, Qt.Key.Key_Down)  # into the list: nothing is below
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    text = editor.document().toRawText()
    assert "Amanda" not in text
    assert text.endswith("Blak\u2028")  # Shift+Enter breaks the line, as always


def test_ctrl_space_asks_for_the_list_and_enter_inserts_its_first_row(
        qtbot, editor: NotesEditor, completer: NameCompleter) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "Noted by the dcc")
    assert not completer.popup.isVisible()
    key(qtbot, editor, "Ctrl+Space")
    assert rows(completer)[0] == "DCC \u2013 Deputy Chief Constable (Amanda Blakeman)"
    assert completer.popup.currentIndex().row() == 0  # highlighted: the list is entered
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "Noted by the DCC"
    qtbot.keyClicks(editor, " and PCC")  # an offered list, then asked for: Up chooses
    key(qtbot, editor, "Ctrl+Space")
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "Noted by the DCC and PCC"  # the last row says who
    assert editor.document().blockCount() == 1


def test_a_list_asked_for_follows_the_word_from_one_letter(
        qtbot, editor: NotesEditor, completer: NameCompleter) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "Thanks to a")
    key(qtbot, editor, "Ctrl+Space")
    assert rows(completer) == ["Amanda Blakeman (DCC)", "Cllr Jane Amis (Member)"]
    qtbot.keyClicks(editor, "mi")  # lower case, yet still asked for
    assert rows(completer) == ["Cllr Jane Amis (Member)"]
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "Thanks to Cllr Jane Amis"
    qtbot.keyClicks(editor, " and am")  # the next word is offered as usual: nothing
    assert not completer.popup.isVisible()


def test_a_list_entered_with_down_stays_entered_as_the_word_goes_on(
        qtbot, editor: NotesEditor, completer: NameCompleter) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(editor, "Am")
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClicks(editor, "a")
    assert rows(completer) == ["Amanda Blakeman (DCC)"]
    assert completer.popup.currentIndex().row() == 0
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "Amanda Blakeman"


def test_complete_name_is_an_action_of_the_editor(editor: NotesEditor,
                                                  completer: NameCompleter) -> None:
    """An action under the window, as Help > Keyboard shortcuts lists them."""
    keys = {a.text(): a.shortcut().toString() for a in editor.findChildren(QAction)
            if a in editor.actions()}
    assert keys.get("Complete name") == "Ctrl+Space"

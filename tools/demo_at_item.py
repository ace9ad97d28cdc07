"""Open the demo meeting at one agenda item, for README screenshots.

    ../shared/tools/screenshot docs/screenshots/main-window.png 6 -- \
        .venv/bin/python tools/demo_at_item.py 1.2 --live --type "Teh DC"
    ../shared/tools/screenshot docs/screenshots/attendance.png 6 -- \
        .venv/bin/python tools/demo_at_item.py 1.2 --attendance
    ../shared/tools/screenshot docs/screenshots/export.png 6 -- \
        .venv/bin/python tools/demo_at_item.py 1.2 --export pdf
    ../shared/tools/screenshot docs/screenshots/read-only.png 6 -- \
        .venv/bin/python tools/demo_at_item.py 1.2 --read-only
    ../shared/tools/screenshot docs/screenshots/not-saved.png 14 -- \
        .venv/bin/python tools/demo_at_item.py 1.2 --disk-full
    ../shared/tools/screenshot docs/screenshots/dark.png 6 -- \
        .venv/bin/python tools/demo_at_item.py 1.2 --dark --read-only
    ../shared/tools/screenshot docs/screenshots/recorded-vote.png 6 -- \
        .venv/bin/python tools/demo_at_item.py 5.1 --vote
    ../shared/tools/screenshot docs/screenshots/declarations.png 6 -- \
        .venv/bin/python tools/demo_at_item.py 4 --declarations
    ../shared/tools/screenshot docs/screenshots/decision-in-place.png 6 -- \
        .venv/bin/python tools/demo_at_item.py 2 --decide "It was agreed that ..."
    ../shared/tools/screenshot docs/screenshots/search.png 8 -- \
        .venv/bin/python tools/demo_at_item.py 2 --search "DCC"
    ../shared/tools/screenshot /tmp/long.png 10 -- \
        .venv/bin/python tools/demo_at_item.py 2 --long --type " Typed on return."
    ../shared/tools/screenshot docs/screenshots/import-agenda.png 8 -- \
        .venv/bin/python tools/demo_at_item.py 1 --import-agenda
    ../shared/tools/screenshot /tmp/conflict.png 8 -- \
        .venv/bin/python tools/demo_at_item.py 1.2 --conflict
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import event

from minute_taker.services import agenda
from minute_taker.store.book import MinuteBook
from minute_taker.store.book_lock import BookLock
from minute_taker.ui.app import make_application, open_demo_book
from minute_taker.ui.capture.notes_editor import NotesEditor
from minute_taker.ui.colours import dark_palette
from minute_taker.ui.main_window import MainWindow


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("number", nargs="?", default="1.2")
    parser.add_argument("--live", action="store_true", help="start the meeting (F5)")
    parser.add_argument("--attendance", action="store_true",
                        help="dock the attendance panel beside the notes")
    parser.add_argument("--type", default="", help="text to type at the end of the notes")
    parser.add_argument("--export", metavar="FORMAT", help="open File > Export on a format")
    parser.add_argument("--read-only", action="store_true",
                        help="open the book as a second window would, while it is held")
    parser.add_argument("--disk-full", action="store_true",
                        help="let the book grow no more, then type: the not-saved banner")
    parser.add_argument("--dark", action="store_true",
                        help="a dark theme, as a desktop in dark mode gives Qt")
    parser.add_argument("--vote", action="store_true",
                        help="a decision with a recorded vote, its vote open from the list")
    parser.add_argument("--declarations", action="store_true",
                        help="dock the attendance panel on its declarations tab")
    parser.add_argument("--decide", metavar="TEXT", default="",
                        help="type TEXT as a paragraph and record it as a decision where "
                             "it stands (Ctrl+Shift+R, Ctrl+Enter)")
    parser.add_argument("--search", metavar="TEXT", default="",
                        help="open the Search pane (Ctrl+Shift+F) and type TEXT in it")
    parser.add_argument("--import-agenda", action="store_true",
                        help="open Meeting > Import agenda on a sample Word agenda")
    parser.add_argument("--long", action="store_true",
                        help="give the item 30,000 words of notes, leave it by Ctrl+PgDown "
                             "and come back by Ctrl+PgUp before typing")
    parser.add_argument("--conflict", action="store_true",
                        help="another clerk writes the item's notes and its presenter, then "
                             "this window types in both: the notes' bar and the banner")
    args = parser.parse_args(argv)
    app = make_application(sys.argv[:1])
    if args.dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    with tempfile.TemporaryDirectory() as folder:
        book = open_demo_book(Path(folder))
        if args.read_only:
            book.close()
            holder = BookLock.claim(book.path, "Alice Clerk")  # as the other window holds it
            book = MinuteBook.open(book.path, actor="Bob Minutes", claim=True)
        if args.disk_full:
            @event.listens_for(book.engine, "connect")
            def _full(connection, _record) -> None:  # type: ignore[no-untyped-def]
                pages = connection.execute("PRAGMA page_count").fetchone()[0]
                connection.execute(f"PRAGMA max_page_count = {pages}")

            book.engine.dispose()
            args.type = args.type or (" The PCC thanked the DCC for the report. " * 60)
        window = MainWindow(book, temporary=True)
        window.show()
        items = agenda.list_items(window.context.book, window.context.meeting_id)
        chosen = next(n.id for n in items if n.number == args.number)
        if args.long:
            give_long_notes(window, chosen)
        window.agenda.select(chosen)
        if args.live:
            window.context.set_live(True)
        editor = window.notes.editor
        editor.setFocus()
        editor.moveCursor(QTextCursor.MoveOperation.End)

        QTimer.singleShot(1500, lambda: act(window, args))  # once the dictionary has loaded
        code = app.exec()
        window.context.book.close()
        if args.read_only:
            holder.release()
        return code


def act(window: MainWindow, args: argparse.Namespace) -> None:
    """What the options ask for, once the window is up and the dictionary has loaded."""
    editor = window.notes.editor
    if args.long:
        editor = away_and_back(window)
    if args.type:
        QTest.keyClicks(editor, args.type)
    if args.attendance or args.declarations:
        panel = window.show_attendance()
        if args.declarations and panel is not None:
            panel.show_page(1)
    if args.vote:
        show_recorded_vote(window)
    if args.decide:
        decide_in_place(editor, args.decide)
    if args.search:
        search_typed(window, args.search)
    if args.import_agenda:
        window.import_agenda_file(sample_agenda_docx())
    if args.conflict:
        conflict(window)
    if args.export:
        from minute_taker.ui.publish.export_dialog import ExportDialog

        dialog = ExportDialog(window.context, window)
        dialog.format.setCurrentIndex(dialog.format.findData(args.export))
        dialog.public.click()
        dialog.show()


def sample_agenda_docx() -> Path:
    """A panel's published agenda as Word writes it: its own numbering from 233, agenda
    texts, presenters and papers under the items, two sub-items."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("West Mercia Police and Crime Panel", style="Title")
    document.add_paragraph("Tuesday 6 February 2018, 10.30 am, County Hall, Worcester")
    numbering = document.part.numbering_part.element
    abstract = numbering.findall(qn("w:abstractNum"))[0].get(qn("w:abstractNumId"))
    num = numbering.add_num(int(abstract))
    override = num.add_lvlOverride(ilvl=0)
    override.add_startOverride(233)

    def item(text: str, level: int = 0) -> None:
        paragraph = document.add_paragraph(text)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = num.numId

    item("Welcome and Apologies for Absence")
    item("Named Substitutes")
    item("Declarations of Interest")
    document.add_paragraph("To receive any declarations of interest.")
    item("Public Participation")
    item("Confirmation of the Minutes of the previous meeting")
    document.add_paragraph("To confirm the Minutes of the meeting held on 3 October 2017.")
    document.add_paragraph("Minutes PDF 182 KB")
    item("Police and Crime Plan Activity and Performance Monitoring Report")
    document.add_paragraph("To consider the report of the Commissioner.")
    document.add_paragraph("Presenter: PCC")
    document.add_paragraph("Report PDF 1.2 MB")
    item("Putting victims and survivors first", 1)
    item("Building a more secure West Mercia", 1)
    item("Proposed Precept 2018/19")
    document.add_paragraph("Presenter: Treasurer")
    item("Work Programme")
    path = Path(tempfile.mkdtemp()) / "Panel agenda 6 February 2018.docx"
    document.save(path)
    return path


def conflict(window: MainWindow) -> None:
    """Louise Wall, at another computer, writes the item's notes and its presenter;
    this window then types in both (the notes' bar, the banner above the minutes)."""
    import contextlib
    import sqlite3

    item_id = window.context.current_item_id
    theirs, _ = agenda.get_item_notes(window.context.book, item_id)
    with contextlib.closing(sqlite3.connect(window.context.book.path)) as raw, raw:
        raw.execute("UPDATE agenda_item SET minutes_html = ?, presenter = 'ACC', "
                    "notes_version = notes_version + 1, version = version + 1, "
                    "changed_by = 'Louise Wall', changed_at = '2017-10-31 10:42:00' "
                    "WHERE id = ?",
                    (theirs + "<p>The ACC added that rural patrols had doubled.</p>", item_id))
    QTest.keyClicks(window.notes.editor, " Members asked about the 101 service.")
    window.notes.toggle_details()
    QTest.keyClicks(window.notes.details.presenter, "DCC")
    window.context.autosave.flush()
    window.notes.editor.setFocus()


def give_long_notes(window: MainWindow, item_id: int) -> None:
    """30,000 words of notes: more than an item shares an editor with (OWN_EDITOR_CHARS)."""
    said = ("The DCC reported that outcomes for domestic burglary had improved. "
            "Members asked how the figures compared with similar forces. ")
    agenda.set_item_minutes(window.context.book, item_id, f"<p>{said * 12}</p>" * 150)


def away_and_back(window: MainWindow) -> NotesEditor:
    """Ctrl+PgDown to the next item and Ctrl+PgUp back, typed in the notes: the editor
    then on show (a long item's own)."""
    QTest.keyClick(window.notes.editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window.notes.editor, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    return window.notes.editor


def search_typed(window: MainWindow, text: str) -> None:
    """The Search pane (what Ctrl+Shift+F does) with ``text`` typed in the query box;
    then Down, to the first result, as the clerk would go on."""
    window.show_search()
    QTest.keyClicks(window.search_pane.query, text)
    QTimer.singleShot(400, lambda: QTest.keyClick(window.search_pane.query, Qt.Key.Key_Down))


def show_recorded_vote(window: MainWindow) -> None:
    """RESOLVED on the current item, with how each member there voted, then Enter on
    it in the decisions list: the recorded vote as the clerk takes it."""
    from minute_taker.domain.enums import DecisionKind, VoteChoice
    from minute_taker.services import decisions

    book, item_id = window.context.book, window.context.current_item_id
    assert item_id is not None
    decision = decisions.record_decision(
        book, item_id, DecisionKind.RESOLVED,
        "that the revised holding to account process be adopted from January 2018")
    voters = decisions.eligible_voters(book, item_id)
    choices = [VoteChoice.FOR, VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAINED]
    decisions.record_named_vote(book, decision.id, [
        (person.id, choice) for person, choice in zip(voters, choices, strict=False)])
    window.context.decisions_changed.emit(item_id)
    listing = window.notes.decisions
    listing.setFocus()
    listing.setCurrentRow(0)
    QTest.keyClick(listing, Qt.Key.Key_Return)


def decide_in_place(editor: QWidget, text: str) -> None:
    """A new paragraph typed and recorded as a decision where it stands, by the keys a
    clerk presses; the clerk then goes on typing the narrative."""
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QTest.keyClicks(editor, text)

    def accept() -> None:
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if dialog is None or focus is None or not dialog.isAncestorOf(focus):
            if dialog is not None:
                dialog.activateWindow()
            QTimer.singleShot(50, accept)
            return
        QTest.keyClick(focus, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        QTimer.singleShot(100, go_on)

    def go_on() -> None:
        editor.setFocus()
        QTest.keyClick(editor, Qt.Key.Key_Return)
        QTest.keyClicks(editor, "Members thanked the DCC for the update.")

    def record() -> None:
        if not editor.window().isActiveWindow():  # a shortcut needs the window active
            editor.window().activateWindow()
            QTimer.singleShot(50, record)
            return
        QTimer.singleShot(50, accept)
        QTest.keyClick(editor, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)

    record()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

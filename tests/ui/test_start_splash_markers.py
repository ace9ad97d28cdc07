"""A start paints a small window first, then the main window ready to type; a message
from opening the book is never hidden behind that first window."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from minute_taker.services import interchange
from minute_taker.store.book import MinuteBook
from minute_taker.ui.app import SHOWN_MARKER, run_gui

PAINTED = "MINUTE_TAKER_PAINTED"

# The app as ``minute-taker BOOK --exit-when-shown`` starts it, saying where the keyboard
# is at the moment it announces the main window.
START_AND_SAY_WHERE_THE_KEYBOARD_IS = """
    import builtins, sys
    from PySide6.QtWidgets import QApplication
    import minute_taker.ui.app as app

    def say_where_then_print(*args, **kwargs):
        if args and args[0] == app.SHOWN_MARKER:
            focus = QApplication.focusWidget()
            [window] = [w for w in QApplication.topLevelWidgets()
                        if w.objectName() == "mainWindow"]
            builtins.print("KEYBOARD", focus.objectName() if focus else None,
                           "ITEM", window.context.current_item_id,
                           "EDITOR SHOWS", window.notes.item_id, flush=True)
            builtins.print("LOADED", *sorted(m for m in sys.modules if m in UNNEEDED),
                           flush=True)
        builtins.print(*args, **kwargs)

    # What only exporting, importing a file, a new book's migrations, the dictionary
    # (loaded later, on a worker) or the command line need.
    UNNEEDED = {"docx", "typst", "jsonschema", "alembic", "spylls", "minute_taker.cli",
                "minute_taker.export.docx", "minute_taker.export.pdf",
                "minute_taker.export.plain", "minute_taker.export.read_back"}
    app.print = say_where_then_print
    from minute_taker.__main__ import main

    sys.exit(main([sys.argv[1], "--exit-when-shown"]))
"""


def _start(code: list[str], home: Path, book_file: Path) -> list[str]:
    with MinuteBook.open(book_file, actor="Test Clerk") as book:
        interchange.load_demo(book)
    env = dict(os.environ, MINUTE_TAKER_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, *code, str(book_file), "--exit-when-shown"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_first_window_is_painted_before_the_main_window_is_shown(
        isolated_home: Path, tmp_path: Path) -> None:
    lines = _start(["-m", "minute_taker"], isolated_home, tmp_path / "Panel.minutebook")
    painted = [n for n, line in enumerate(lines) if line.startswith(PAINTED)]
    shown = [n for n, line in enumerate(lines) if line.startswith(SHOWN_MARKER)]
    assert len(painted) == 1 and len(shown) == 1, lines
    assert painted[0] < shown[0], lines
    assert lines[shown[0]] == f"{SHOWN_MARKER} mainWindow editing"


def test_the_main_window_is_shown_ready_to_type_in_the_notes(
        isolated_home: Path, tmp_path: Path) -> None:
    code = ["-c", textwrap.dedent(START_AND_SAY_WHERE_THE_KEYBOARD_IS)]
    lines = _start(code, isolated_home, tmp_path / "Panel.minutebook")
    [where] = [line.split() for line in lines if line.startswith("KEYBOARD")]
    # The keyboard is in the notes, which hold the item the meeting opened at.
    assert where[1] == "notesEditor", lines
    assert where[3] != "None" and where[3] == where[6], lines
    # And nothing was loaded for it that the start does not need.
    assert [line for line in lines if line.startswith("LOADED")] == ["LOADED"]


def test_a_message_from_opening_the_book_is_not_hidden_by_the_first_window(
        qtbot, tmp_path: Path, capsys) -> None:
    picture = tmp_path / "photo.minutebook"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    shown = []

    def answer_the_message() -> None:  # as the user does, once it is on the screen
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            return
        [box] = boxes
        others = [w.objectName() for w in QApplication.topLevelWidgets()
                  if w.isVisible() and w is not box]
        splashes = [w for w in QApplication.topLevelWidgets()
                    if w.objectName() == "startSplash"]
        shown.append((box.text(), others, splashes))
        box.done(0)

    poll = QTimer()
    poll.timeout.connect(answer_the_message)
    poll.start(20)
    try:
        assert run_gui(picture, splash=True, exit_when_shown=True) == 1
    finally:
        poll.stop()
    [(message, others, splashes)] = shown
    assert "photo.minutebook is not a minute book" in message
    assert splashes, "the first window was never made"
    assert others == []  # nothing over or under the message: the splash had gone
    assert capsys.readouterr().out.splitlines() == [PAINTED]  # it had been painted
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets())


def test_without_being_asked_run_gui_shows_no_first_window(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    picture = tmp_path / "photo.minutebook"
    picture.write_bytes(b"not a book")
    seen = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(
        [w.objectName() for w in QApplication.topLevelWidgets()
         if w.isVisible() and w is not box]) or 0)
    assert run_gui(picture) == 1
    assert seen and "startSplash" not in seen[0]

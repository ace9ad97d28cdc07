"""Run by test_kill_while_typing.py: type into the real notes editor until killed.

Prints "READY" once typing starts, then after every word the monotonic time and how
many characters have been typed so far. CLOCK_MONOTONIC is shared by every process
on the machine, so the parent can compare these times with the moment it killed us.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest

from minute_taker.store.book import MinuteBook
from minute_taker.ui.app import make_application
from minute_taker.ui.main_window import MainWindow


def words() -> str:
    return "".join(f"word{i} " for i in range(5000))


def main(book_path: str, item_id: int) -> int:
    app = make_application(sys.argv[:1])
    window = MainWindow(MinuteBook.open(Path(book_path), actor="crash test"))
    window.show()
    window.agenda.select(item_id)
    editor = window.notes.editor
    editor.setFocus()
    text, typed = words(), [0]

    def type_word() -> None:
        end = text.index(" ", typed[0]) + 1
        QTest.keyClicks(editor, text[typed[0]:end])
        typed[0] = end
        print(f"{time.monotonic():.6f} {typed[0]}", flush=True)

    timer = QTimer(interval=30)  # about 35 words a second: faster than anyone types
    timer.timeout.connect(type_word)
    print("READY", flush=True)
    timer.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))

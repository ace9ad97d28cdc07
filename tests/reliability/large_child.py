"""Run by test_large_items.py: type into a large item of the real window until killed.

Like crash_child.py, prints "READY", then the monotonic time and the characters typed so
far after every word; and also "SAVED" with the time whenever an autosave has finished,
so the parent can kill it at the worst moment: just over a second after a save.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from crash_child import words
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest

from minute_taker.store.book import MinuteBook
from minute_taker.ui.app import make_application
from minute_taker.ui.main_window import MainWindow


def main(book_path: str, item_id: int) -> int:
    app = make_application(sys.argv[:1])
    window = MainWindow(MinuteBook.open(Path(book_path), actor="crash test"))
    window.show()
    window.agenda.select(item_id)
    editor = window.notes.editor
    editor.setFocus()
    window.context.autosave.saved.connect(
        lambda _when: print(f"SAVED {time.monotonic():.6f}", flush=True))
    text, typed = words(), [0]

    def type_word() -> None:
        end = text.index(" ", typed[0]) + 1
        QTest.keyClicks(editor, text[typed[0]:end])
        typed[0] = end
        print(f"{time.monotonic():.6f} {typed[0]}", flush=True)

    timer = QTimer(interval=30)
    timer.timeout.connect(type_word)
    print("READY", flush=True)
    timer.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))

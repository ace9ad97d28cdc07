"""Open the demo meeting at one agenda item, for README screenshots.

    ../shared/tools/screenshot docs/screenshots/main-window.png 6 -- \
        .venv/bin/python tools/demo_at_item.py 1.2 --live --type "Teh DC"
    ../shared/tools/screenshot docs/screenshots/attendance.png 6 -- \
        .venv/bin/python tools/demo_at_item.py 1.2 --attendance
    ../shared/tools/screenshot docs/screenshots/export.png 6 -- \
        .venv/bin/python tools/demo_at_item.py 1.2 --export pdf
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from minute_taker.services import agenda
from minute_taker.ui.app import make_application, open_demo_book
from minute_taker.ui.main_window import MainWindow


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("number", nargs="?", default="1.2")
    parser.add_argument("--live", action="store_true", help="start the meeting (F5)")
    parser.add_argument("--attendance", action="store_true", help="open the attendance window")
    parser.add_argument("--type", default="", help="text to type at the end of the notes")
    parser.add_argument("--export", metavar="FORMAT", help="open File > Export on a format")
    args = parser.parse_args(argv)
    app = make_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(open_demo_book(Path(folder)), temporary=True)
        window.show()
        items = agenda.list_items(window.context.book, window.context.meeting_id)
        window.agenda.select(next(n.id for n in items if n.number == args.number))
        if args.live:
            window.context.set_live(True)
        editor = window.notes.editor
        editor.setFocus()
        editor.moveCursor(QTextCursor.MoveOperation.End)

        def later() -> None:
            if args.type:
                QTest.keyClicks(editor, args.type)
            if args.attendance:
                window.show_attendance()
            if args.export:
                from minute_taker.ui.export_dialog import ExportDialog

                dialog = ExportDialog(window.context, window)
                dialog.format.setCurrentIndex(dialog.format.findData(args.export))
                dialog.public.click()
                dialog.show()

        QTimer.singleShot(1500, later)  # once the dictionary has loaded
        code = app.exec()
        window.context.book.close()
        return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

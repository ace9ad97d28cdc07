"""Open the demo meeting at one agenda item, for README screenshots.

    ../shared/tools/screenshot docs/screenshots/main-window.png 5 -- \
        .venv/bin/python tools/demo_at_item.py 1.2
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from minute_taker.services import agenda
from minute_taker.ui.app import make_application, open_demo_book
from minute_taker.ui.main_window import MainWindow


def main(number: str) -> int:
    app = make_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(open_demo_book(Path(folder)), temporary=True)
        window.show()
        items = agenda.list_items(window.context.book, window.context.meeting_id)
        window.agenda.select(next(n.id for n in items if n.number == number))
        window.notes.editor.setFocus()
        code = app.exec()
        window.context.book.close()
        return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "1.2"))

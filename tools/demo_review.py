"""Review mode with the demo meeting, for README screenshots.

    ../shared/tools/screenshot docs/screenshots/review-mode.png 6 -- \
        .venv/bin/python tools/demo_review.py chair
    ../shared/tools/screenshot docs/screenshots/review-import.png 6 -- \
        .venv/bin/python tools/demo_review.py differences
    ../shared/tools/screenshot docs/screenshots/review-panel.png 6 -- \
        .venv/bin/python tools/demo_review.py returned
    ../shared/tools/screenshot docs/screenshots/review-first-open.png 6 -- \
        .venv/bin/python tools/demo_review.py first-open
    ../shared/tools/screenshot docs/screenshots/review-warning.png 6 -- \
        .venv/bin/python tools/demo_review.py warned
    ../shared/tools/screenshot docs/screenshots/review-suggest.png 6 -- \
        .venv/bin/python tools/demo_review.py suggest
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer

from minute_taker.services import agenda, interchange, review, review_import
from minute_taker.store.book import MinuteBook
from minute_taker.ui.app import make_application
from minute_taker.ui.main_window import MainWindow
from minute_taker.ui.review.import_dialog import ReviewImportDialog
from minute_taker.ui.review.window import ReviewWindow


def chair_comments(path: Path, *, approve: bool) -> None:
    """What the chair does, on the chair's own computer (as the import will see it)."""
    here = review.computer_name
    review.computer_name = lambda: "chair-tablet, login jcampion"  # type: ignore[assignment]
    try:
        _comment(path, approve=approve)
    finally:
        review.computer_name = here  # type: ignore[assignment]


def _comment(path: Path, *, approve: bool) -> None:
    with MinuteBook.open(path) as copy:
        review.set_reviewer(copy, "John Campion")
        meeting_id = 1
        item = next(i for i in agenda.list_items(copy, meeting_id) if i.number == "1.2")
        review.add_comment(copy, meeting_id, "Please add the number of volunteers now trained.",
                           item_id=item.id, quote="five volunteers following up contacts")
        review.add_suggestion(copy, meeting_id, item.id, "short term plan is in place",
                              "short-term plan has been in place since September")
        review.add_comment(copy, meeting_id, "A clear record, thank you Jackie.")
        if approve:
            review.approve_review(copy, meeting_id)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["chair", "differences", "returned", "first-open",
                                         "warned", "suggest"])
    args = parser.parse_args(argv)
    app = make_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        book_path = Path(folder) / "Panel.minutebook"
        copy_path = Path(folder) / "Panel 2017-10-31 round 1.review.minutebook"
        with MinuteBook.open(book_path, actor="Jackie Irvin") as book:
            interchange.load_demo(book)
            review.send_for_review(book, 1, copy_path)
        if args.mode == "first-open":
            copy = MinuteBook.open(copy_path)
            info = review.review_copy_info(copy)
            assert info is not None
            window = ReviewWindow(copy, info)
            window.show()
            return app.exec()
        if args.mode == "warned":  # the clerk approves her own outgoing copy
            with MinuteBook.open(copy_path) as copy:
                review.set_reviewer(copy, "Jackie Irvin")
                review.approve_review(copy, 1)
            book = MinuteBook.open(book_path, actor="Jackie Irvin")
            dialog = ReviewImportDialog(review_import.plan_import(book, copy_path))
            dialog.show()
            return app.exec()
        if args.mode in ("chair", "suggest"):
            chair_comments(copy_path, approve=False)
            copy = MinuteBook.open(copy_path, actor="John Campion")
            info = review.review_copy_info(copy)
            assert info is not None
            window = ReviewWindow(copy, info)
            window.show()
            for _ in range(4):
                window.step_item(1)
            if args.mode == "suggest":
                window.viewer.setTextCursor(window.viewer.document().find("Interim measures"))
                QTimer.singleShot(300, window.suggest_change)
            return app.exec()
        chair_comments(copy_path, approve=True)
        book = MinuteBook.open(book_path, actor="Jackie Irvin")
        if args.mode == "differences":
            item = next(i for i in agenda.list_items(book, 1) if i.number == "1.2")
            html = agenda.get_item_minutes(book, item.id)
            agenda.set_item_minutes(book, item.id, html.replace(
                "Interim measures include", "Interim measures (agreed with the hotels) include"))
            plan = review_import.plan_import(book, copy_path)
            dialog = ReviewImportDialog(plan)
            dialog.show()
            return app.exec()
        review_import.import_review(book, copy_path)
        main_window = MainWindow(book, temporary=True)
        main_window.show()
        main_window.agenda.select(next(i.id for i in agenda.list_items(book, 1)
                                       if i.number == "1.2"))
        main_window.show_review_panel()
        return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Review mode with the demo meeting, for README screenshots.

    ../shared/tools/screenshot docs/screenshots/review-mode.png 6 -- \
        .venv/bin/python tools/demo_review.py chair
    ../shared/tools/screenshot docs/screenshots/review-import.png 6 -- \
        .venv/bin/python tools/demo_review.py differences
    ../shared/tools/screenshot docs/screenshots/review-panel.png 6 -- \
        .venv/bin/python tools/demo_review.py returned
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from minute_taker.services import agenda, interchange, review, review_import
from minute_taker.store.book import MinuteBook
from minute_taker.ui.app import make_application
from minute_taker.ui.main_window import MainWindow
from minute_taker.ui.review.import_dialog import ReviewImportDialog
from minute_taker.ui.review.window import ReviewWindow


def chair_comments(path: Path, *, approve: bool) -> None:
    with MinuteBook.open(path, actor="John Campion") as copy:
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
    parser.add_argument("mode", choices=["chair", "differences", "returned"])
    args = parser.parse_args(argv)
    app = make_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        book_path, copy_path = Path(folder) / "Panel.minutebook", Path(folder) / "r.minutes"
        with MinuteBook.open(book_path, actor="Jackie Irvin") as book:
            interchange.load_demo(book)
            review.send_for_review(book, 1, copy_path)
        if args.mode == "chair":
            chair_comments(copy_path, approve=False)
            copy = MinuteBook.open(copy_path, actor="John Campion")
            info = review.review_copy_info(copy)
            assert info is not None
            window = ReviewWindow(copy, info)
            window.show()
            for _ in range(4):
                window.step_item(1)
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

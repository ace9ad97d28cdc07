"""Meeting > Send for review and Import review: the minute-taker's ends of the round trip."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from minute_taker.domain.errors import MinuteTakerError
from minute_taker.services import review, review_import
from minute_taker.services.review_import import ReviewResult
from minute_taker.ui.book.settings import app_settings
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.review.import_dialog import ReviewImportDialog

REVIEW_FILTER = f"Review copies (*{review.REVIEW_SUFFIX});;All files (*)"
FOLDER_KEY = "review/folder"


def result_message(result: ReviewResult) -> str:
    parts = [f"Imported {result.added_comments} comment(s) and {result.added_suggestions} "
             "suggested change(s)."]
    if result.restored_items:
        parts.append(f"Put back as reviewed: {', '.join(result.restored_items)}.")
    if result.approval_applied:
        parts.append("The approval has been applied: the minutes are approved.")
    parts.extend(result.messages)
    return " ".join(parts)


class ReviewWorkflow(QObject):
    imported = Signal()

    def __init__(self, context: MeetingContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window = window

    def _folder_key(self) -> str:
        """Where this book's review copies went last (a book's own setting)."""
        book = self.context.book.location.encode("utf-8", "surrogateescape")
        return f"{FOLDER_KEY}/{hashlib.sha256(book).hexdigest()[:16]}"

    def _folder(self) -> Path:
        """The folder this book's copies were last saved in; at first, beside the book."""
        value = app_settings().value(self._folder_key())
        for folder in (Path(str(value)) if value else None, self.context.book.folder,
                       Path.home()):
            if folder is not None and folder.is_dir():
                return folder
        return Path.home()

    def send(self) -> None:
        header = self.context.header
        if header is None:
            return
        suggested = self._folder() / review.default_file_name(self.context.book, header.id)
        path, _ = QFileDialog.getSaveFileName(self.window, "Send for review: save the review copy",
                                              str(suggested), REVIEW_FILTER)
        if not path:
            return
        target = Path(path)
        if not target.name.endswith(review.REVIEW_SUFFIX):
            target = target.with_name(target.name + review.REVIEW_SUFFIX)
        self.context.autosave.flush()
        if self.context.live:
            self.context.set_live(False)
        item_id = self.context.current_item_id
        info = self.context.apply(review.send_for_review, header.id, target)
        if info is None:
            return
        app_settings().setValue(self._folder_key(), str(target.parent))
        self.context.open_meeting(header.id)
        if item_id is not None:
            self.context.show_item_request.emit(item_id)
        self.context.notice.emit(f"Round {info.round_number} review copy saved as {target}. "
                                 "Send it to the chair; when it comes back, use Meeting > "
                                 "Import review.")

    def import_file(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.window, "Import a returned review",
                                                  str(self._folder()), REVIEW_FILTER)
        if not path:
            return
        self.context.autosave.flush()
        try:
            plan = review_import.plan_import(self.context.book, path)
        except MinuteTakerError as exc:
            QMessageBox.warning(self.window, "Cannot import this review", str(exc))
            return
        if plan.nothing_new:
            QMessageBox.information(self.window, "Import review",
                                    "This review has already been imported: nothing new in it.")
            return
        dialog = ReviewImportDialog(plan, self.window)
        if dialog.exec() != ReviewImportDialog.DialogCode.Accepted:
            return
        if self.context.live:
            self.context.set_live(False)
        result = self.context.apply(review_import.import_review, path, dialog.choices(),
                                    refuse_approval=dialog.refuses_approval())
        if result is None:
            return
        self.context.open_meeting(plan.meeting_id)
        self.context.meetings_changed.emit()
        self.context.notice.emit(result_message(result))
        self.imported.emit()

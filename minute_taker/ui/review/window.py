"""Review mode: the chair reads a review copy in its final layout, comments, suggests
changes, and approves or returns it. Nothing here edits the minutes themselves."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from minute_taker import APP_NAME
from minute_taker.domain.dates import day_month_year
from minute_taker.domain.errors import MinuteTakerError
from minute_taker.export.layout import render_minutes
from minute_taker.services import agenda, interchange, review
from minute_taker.services.review import CommentRow, ReviewCopyInfo, SuggestionRow
from minute_taker.store.book import MinuteBook
from minute_taker.ui.book.settings import app_settings
from minute_taker.ui.colours import REVIEW_NOTE
from minute_taker.ui.review import note_dialog
from minute_taker.ui.review.marks import Insertions, ItemAnchors, mark_passages
from minute_taker.ui.widgets import named

T = TypeVar("T")
REVIEWER_KEY = "review/name"  # the name this reviewer gave last, offered when no chair is


def selected_plain_text(cursor: QTextCursor) -> str:
    """A selection as the service expects it: paragraph breaks as new lines."""
    return cursor.selectedText().replace("\u2029", "\n").replace("\u2028", "\n").strip()


def note_text(row: CommentRow | SuggestionRow) -> str:
    """How a comment or suggestion reads in the list beside the minutes."""
    if row.earlier_round:
        return f"Earlier round \u00b7 {_what_became(row)}\n{_note_body(row)}"
    return _note_body(row)


def _what_became(row: CommentRow | SuggestionRow) -> str:
    if isinstance(row, SuggestionRow):
        return {"accepted": "accepted by the minute-taker",
                "rejected": "not taken up by the minute-taker"}.get(row.status,
                                                                    "not yet decided")
    return f"resolved by {row.resolved_by}" if row.resolved and row.resolved_by else (
        "resolved" if row.resolved else "not marked resolved")


def _note_body(row: CommentRow | SuggestionRow) -> str:
    if isinstance(row, SuggestionRow):
        lines = [f"{row.item_label}: suggested change ({row.status})",
                 f"Replace: \u201c{row.original}\u201d", f"With: \u201c{row.proposal}\u201d"]
    else:
        lines = [row.item_label]
        if row.quote:
            lines.append(f"On \u201c{row.quote}\u201d")
        lines.append(row.body)
    lines.append(f"\u2014 {row.author}")
    return "\n".join(lines)


class ReviewWindow(QMainWindow):
    """One review copy, open for its reviewer."""

    def __init__(self, book: MinuteBook, info: ReviewCopyInfo) -> None:
        super().__init__()
        self.setObjectName("reviewWindow")
        self.book, self.info = book, info
        # The file itself holds every change at once; what the reviewer does is signed
        # with the name they gave (asked for below, the first time).
        self.signed = review.start_reviewing(book)
        self.reviewer_label = named(QLabel("Reviewer's &name:", self), "reviewerLabel")
        self.reviewer_edit = named(QLineEdit(self), "reviewerName")
        self.reviewer_edit.setAccessibleName("Reviewer's name")
        self.reviewer_edit.setToolTip("Your name signs your comments, suggestions and "
                                      "verdict (Enter to sign with it)")
        self.reviewer_label.setBuddy(self.reviewer_edit)
        self.reviewer_edit.setText(self.signed or self._offered_name())
        self.reviewer_edit.returnPressed.connect(self.sign)
        self.reviewer_edit.textChanged.connect(lambda *_: self._show_signing())
        self.sign_button = named(QPushButton("Sign with this name", self), "signButton")
        self.sign_button.clicked.connect(self.sign)
        self.anchors = ItemAnchors()
        self.insertions = Insertions()  # what the marks added to the layout's text
        self.banner = named(QLabel(self, wordWrap=True), "reviewBanner")
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.viewer = named(QTextBrowser(self), "reviewDocument")
        self.viewer.setOpenLinks(False)
        self.viewer.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.viewer.setAccessibleName("The minutes as they will be published")
        self.notes = named(QListWidget(self), "reviewNotes")
        self.notes.setWordWrap(True)
        self.notes.setAlternatingRowColors(True)
        self.notes.setSpacing(4)
        self.notes.setAccessibleName("Your comments and suggestions")
        self.notes.itemActivated.connect(self._go_to_note)

        self.comment_action = self._action("&Comment\u2026", self.add_comment, "Ctrl+M")
        self.suggest_action = self._action("&Suggest a change\u2026", self.suggest_change,
                                           "Ctrl+Shift+S")
        self.delete_action = self._action("&Delete comment or suggestion",
                                          self.delete_note, "Delete")
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.notes.addAction(self.delete_action)
        self.approve_action = self._action("&Approve the minutes\u2026", self.approve,
                                           "Ctrl+Shift+A")
        self.return_action = self._action("&Return with comments\u2026", self.send_back,
                                          "Ctrl+Shift+R")
        self.next_action = self._action("&Next item", lambda: self.step_item(1),
                                        "Ctrl+PgDown")
        self.previous_action = self._action("&Previous item", lambda: self.step_item(-1),
                                            "Ctrl+PgUp")
        self._layout()
        self._menus()
        self.resize(1300, 860)
        self.refresh()
        if self._asking():
            self.reviewer_edit.setFocus()
            self.reviewer_edit.selectAll()
        else:
            self.viewer.setFocus()

    # -- the reviewer ------------------------------------------------------------------
    def _offered_name(self) -> str:
        """The meeting's chair, as the copy names them; else the name given last time."""
        remembered = str(app_settings().value(REVIEWER_KEY, "") or "")
        return review.suggested_reviewer(self.book) or remembered

    def _asking(self) -> bool:
        """No name given yet, and a review still to give: nothing is signed until it is."""
        return self.signed is None and self.info.verdict is None and not self.book.read_only

    def sign(self) -> None:
        name = self.reviewer_edit.text().strip()
        if not name or self.info.verdict is not None or self.book.read_only:
            return
        first = self.signed is None
        if self._call(review.set_reviewer, name) is None:
            return
        self.signed = name
        settings = app_settings()
        settings.setValue(REVIEWER_KEY, name)
        settings.sync()
        self.refresh()
        self.viewer.setFocus()
        self.statusBar().showMessage(
            f"Signed as {name}." + (" Now read the minutes: Ctrl+PgDown goes to the next "
                                    "item." if first else ""), 8000)

    def _show_signing(self) -> None:
        open_review = self.info.verdict is None and not self.book.read_only
        self.reviewer_edit.setReadOnly(not open_review)
        self.sign_button.setVisible(open_review)
        self.sign_button.setEnabled(open_review and bool(self.reviewer_edit.text().strip())
                                    and self.reviewer_edit.text().strip() != self.signed)

    # -- composition -------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], object], shortcut: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _layout(self) -> None:
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel("<b>Comments and suggestions</b>", side))
        side_layout.addWidget(self.notes, 1)
        row = QHBoxLayout()
        for action, name in ((self.comment_action, "commentButton"),
                             (self.suggest_action, "suggestButton")):
            row.addWidget(self._button(action, name, side))
        side_layout.addLayout(row)
        verdict = QHBoxLayout()
        verdict.addWidget(self._button(self.return_action, "returnButton", side))
        verdict.addWidget(self._button(self.approve_action, "approveButton", side))
        side_layout.addLayout(verdict)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.viewer)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([860, 420])
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addWidget(self.banner)
        signing = QHBoxLayout()
        signing.addWidget(self.reviewer_label)
        signing.addWidget(self.reviewer_edit, 1)
        signing.addWidget(self.sign_button)
        signing.addStretch(2)
        layout.addLayout(signing)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(body)

    @staticmethod
    def _button(action: QAction, name: str, parent: QWidget) -> QPushButton:
        text = action.text()
        caption = (text.replace("&", "").rstrip("\u2026") + "\u2026" if text.endswith("\u2026")
                   else text)
        button = named(QPushButton(caption, parent), name)
        button.setToolTip(f"{action.text().replace('&', '')} "
                          f"({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        return button

    def _menus(self) -> None:
        file_menu: QMenu = self.menuBar().addMenu("&File")
        file_menu.addAction(self._action("&Close", self.close, "Ctrl+Q"))
        menu = self.menuBar().addMenu("&Review")
        for action in (self.comment_action, self.suggest_action, self.delete_action, None,
                       self.next_action, self.previous_action, None, self.return_action,
                       self.approve_action):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)

    # -- showing -----------------------------------------------------------------------
    def _call(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T | None:
        try:
            return fn(self.book, *args, **kwargs)
        except MinuteTakerError as exc:
            QMessageBox.warning(self, "Review", str(exc))
            return None

    def refresh(self) -> None:
        """Show the minutes, marked with this review's passages, and the notes beside them."""
        info = self._call(review.review_copy_info)
        if info is not None:
            self.info = info
        meeting_id = self.info.meeting_id
        document = interchange.export_meeting(self.book, meeting_id)
        place = self._place()
        self.viewer.setHtml(render_minutes(document, draft=self.info.verdict != "approved"))
        comments = review.list_comments(self.book, meeting_id)
        suggestions = review.list_suggestions(self.book, meeting_id)
        items = {node.uid: node.id for node in agenda.list_items(self.book, meeting_id)}
        self.anchors.read(self.viewer.document(), items)
        # Earlier rounds' points are listed, not marked: the minutes have moved on since.
        self.insertions = mark_passages(
            self.viewer.document(), self.anchors,
            [c for c in comments if not c.earlier_round],
            [s for s in suggestions if not s.earlier_round])
        self.anchors.read(self.viewer.document(), items)
        self._restore(place)
        self._fill_notes([*comments, *suggestions])
        self._show_state()

    def _place(self) -> tuple[int, int, int]:
        """Where the chair is (the selection's anchor and cursor, in the unmarked text,
        which marks added or taken away do not move) and how far down they scrolled."""
        cursor = self.viewer.textCursor()
        return (self.insertions.to_unmarked(cursor.anchor()),
                self.insertions.to_unmarked(cursor.position()),
                self.viewer.verticalScrollBar().value())

    def _restore(self, place: tuple[int, int, int]) -> None:
        anchor, position, scroll = place
        last = self.viewer.document().characterCount() - 1
        cursor = self.viewer.textCursor()
        cursor.setPosition(min(self.insertions.to_marked(anchor), last))
        cursor.setPosition(min(self.insertions.to_marked(position), last),
                           QTextCursor.MoveMode.KeepAnchor)
        self.viewer.setTextCursor(cursor)
        self.viewer.verticalScrollBar().setValue(scroll)

    def _fill_notes(self, rows: list[CommentRow | SuggestionRow]) -> None:
        self.notes.clear()
        for row in sorted(rows, key=lambda r: (r.created_at, r.id)):
            entry = QListWidgetItem(note_text(row))
            entry.setData(Qt.ItemDataRole.UserRole, row)
            if isinstance(row, SuggestionRow):
                entry.setForeground(REVIEW_NOTE.on(self.notes.palette()))
            self.notes.addItem(entry)
        if not rows:
            entry = QListWidgetItem("No comments yet. Select text in the minutes and press "
                                    "Ctrl+M to comment, or Ctrl+Shift+S to suggest new wording.")
            entry.setFlags(Qt.ItemFlag.NoItemFlags)
            self.notes.addItem(entry)

    def _show_state(self) -> None:
        info = self.info
        sent = f"sent by {info.sent_by} on {day_month_year(info.sent_at.date())}"
        open_review = info.verdict is None
        round_text = f", round {info.round_number}" if info.round_number > 1 else ""
        if self._asking():
            text = (f"<b>Review copy</b> of <b>{_escape(info.meeting_title)}</b> ({sent}"
                    f"{round_text}). <b>First, who is reviewing?</b> Your name signs your "
                    "comments and your verdict: check it below and press Enter.")
        elif open_review:
            text = (f"<b>Review copy</b> of <b>{_escape(info.meeting_title)}</b> ({sent}"
                    f"{round_text}). "
                    "Read the minutes as they will be published; comment (Ctrl+M) or suggest "
                    "new wording (Ctrl+Shift+S) on selected text; then approve (Ctrl+Shift+A) "
                    "or return them (Ctrl+Shift+R). Everything is saved in this file as you go.")
        else:
            verdict = "approved" if info.verdict == "approved" else "returned"
            text = (f"<b>You {verdict} these minutes</b> on "
                    f"{day_month_year(info.verdict_at.date()) if info.verdict_at else ''}. "
                    f"Send this file back to {_escape(info.sent_by)}: it holds your "
                    f"{'approval' if verdict == 'approved' else 'comments'}.")
        if self.book.read_only:
            text = (f"<b>Read-only.</b> {_escape(self.book.read_only)} You can read the "
                    f"minutes; comments and your verdict can be given there. {text}")
        self.banner.setText(text)
        for action in (self.comment_action, self.suggest_action, self.delete_action,
                       self.approve_action, self.return_action):
            action.setEnabled(open_review and not self.book.read_only and not self._asking())
        self._show_signing()
        self.setWindowTitle(f"Review: {info.meeting_title} \u2014 {self.book.path.name} "
                            f"\u2014 {APP_NAME}")

    # -- commenting --------------------------------------------------------------------
    def add_comment(self) -> None:
        cursor = self.viewer.textCursor()
        quote = selected_plain_text(cursor) or None
        item_id = self.anchors.item_at(cursor.selectionStart())
        label = self._label(item_id)
        prompt = f"Your comment on {label}" + (f", on \u201c{_short(quote)}\u201d" if quote
                                                else "") + ":"
        body = self._ask("Comment", prompt, "Add comment")
        if body and self._call(review.add_comment, self.info.meeting_id, body,
                               item_id=item_id, quote=quote) is not None:
            self.refresh()

    def suggest_change(self) -> None:
        cursor = self.viewer.textCursor()
        original = selected_plain_text(cursor)
        if not original:
            QMessageBox.information(self, "Suggest a change",
                                    "First select the words you want changed (Shift with the "
                                    "arrow keys, or the mouse).")
            return
        item_id = self.anchors.item_at(cursor.selectionStart())
        if item_id is None or self.anchors.item_at(cursor.selectionEnd()) != item_id:
            QMessageBox.information(self, "Suggest a change",
                                    "Select words within one item; for anything else, add a "
                                    "comment.")
            return
        target = "title" if self.anchors.in_heading(cursor.selectionStart()) else "minutes"
        proposal = self._ask(
            "Suggest a change",
            f"Replace \u201c{_short(original)}\u201d in {self._label(item_id)} with:",
            "Suggest change", text=original, select_all=True)
        if proposal is None or proposal == original:
            return
        occurrence = self.anchors.occurrence(self.viewer.document(), original,
                                             cursor.selectionStart())
        if self._call(review.add_suggestion, self.info.meeting_id, item_id, original, proposal,
                      target=target, occurrence=occurrence):
            self.refresh()

    def delete_note(self) -> None:
        entry = self.notes.currentItem()
        row = entry.data(Qt.ItemDataRole.UserRole) if entry else None
        if isinstance(row, SuggestionRow):
            self._call(review.delete_suggestion, row.id)
        elif isinstance(row, CommentRow):
            self._call(review.delete_comment, row.id)
        else:
            return
        self.refresh()

    def _go_to_note(self, entry: QListWidgetItem) -> None:
        row = entry.data(Qt.ItemDataRole.UserRole)
        position = self.anchors.position_of(getattr(row, "item_id", None))
        if position is not None:
            self._show_position(position)

    def step_item(self, step: int) -> None:
        position = self.anchors.neighbour(self.viewer.textCursor().position(), step)
        if position is not None:
            self._show_position(position)

    def _show_position(self, position: int) -> None:
        cursor = self.viewer.textCursor()
        cursor.setPosition(position)
        self.viewer.setTextCursor(cursor)
        self.viewer.ensureCursorVisible()
        self.viewer.setFocus()

    def _ask(self, title: str, prompt: str, confirm: str, *, text: str = "",
             select_all: bool = False) -> str | None:
        """A few lines from the chair; afterwards they are back in the minutes, where
        they were."""
        try:
            return note_dialog.ask(self, title, prompt, confirm, text=text,
                                   select_all=select_all)
        finally:
            self.activateWindow()
            self.viewer.setFocus()

    def _label(self, item_id: int | None) -> str:
        if item_id is None:
            return "the minutes as a whole"
        node = self._call(agenda.get_item, item_id)
        return f"item {node.number} {node.title}" if node else "this item"

    # -- verdict -----------------------------------------------------------------------
    def approve(self) -> None:
        pending = sum(s.pending and not s.earlier_round
                      for s in review.list_suggestions(self.book, self.info.meeting_id))
        condition = (f"\n\nYou suggested {pending} change(s): your approval takes effect "
                     "when the minute-taker has accepted them." if pending else "")
        answer = QMessageBox.question(
            self, "Approve the minutes",
            f"Approve the minutes of \u201c{self.info.meeting_title}\u201d as the correct "
            f"record?{condition}\n\nThis file will then hold your approval, with the "
            "fingerprint (SHA-256 digest) of exactly the text you approved; it cannot be "
            "changed here afterwards.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes and self._call(
                review.approve_review, self.info.meeting_id) is not None:
            self.refresh()

    def send_back(self) -> None:
        reason = self._ask(
            "Return with comments",
            "Why are the minutes going back? (Your comments and suggestions go with them.)",
            "Return the minutes")
        if reason and self._call(review.return_review, self.info.meeting_id,
                                 reason) is not None:
            self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.book.close()
        event.accept()


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

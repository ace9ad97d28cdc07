"""The main window: composes the panes, menus and status bar; owns no business rules."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from minute_taker import APP_NAME
from minute_taker.domain.agenda_import import read_text
from minute_taker.domain.attendance_notes import Movement
from minute_taker.domain.errors import MinuteTakerError
from minute_taker.domain.records import SearchHit
from minute_taker.domain.workflow import RULES, Transition, allowed_transitions
from minute_taker.services import agenda_files, committees, confirmation, decisions, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.store.server import public_location
from minute_taker.ui.actions.panel import ActionPanel
from minute_taker.ui.agenda.import_dialog import import_into_meeting
from minute_taker.ui.agenda.pane import AgendaPane
from minute_taker.ui.attendance.committee_dialog import CommitteeDialog
from minute_taker.ui.attendance.panel import AttendancePanel, ask_and_record_movement
from minute_taker.ui.book.backups import BackupScheduler
from minute_taker.ui.book.banner import BookBanner
from minute_taker.ui.book.settings import (
    app_settings,
    remember_book,
    remember_team_book,
    set_user_name,
    user_name,
)
from minute_taker.ui.book.welcome import WelcomePage
from minute_taker.ui.book_control import BookControl
from minute_taker.ui.capture.confirm_date_dialog import ConfirmDateDialog
from minute_taker.ui.capture.line_capture import LineCapture
from minute_taker.ui.capture.notes_editor import NotesPane
from minute_taker.ui.capture.quick_phrases import QuickPhrases
from minute_taker.ui.colours import ERROR, OVERRUN, text_style
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.meeting.header import MeetingHeaderWidget
from minute_taker.ui.meeting.new_meeting_dialog import NewMeetingDialog
from minute_taker.ui.meeting.qt_meetings_model import MeetingIdRole, MeetingListModel
from minute_taker.ui.publish.export_dialog import ExportDialog, open_styles_folder
from minute_taker.ui.review.panel import ReviewPanel
from minute_taker.ui.review.round_trip import ReviewWorkflow
from minute_taker.ui.search.in_notes import select_match
from minute_taker.ui.search.pane import SearchPane
from minute_taker.ui.shortcuts import bind, name_tool_buttons
from minute_taker.ui.shortcuts_dialog import ShortcutsDialog, apply_saved_shortcuts
from minute_taker.ui.widgets import named

PREFERRED_SIZE = QSize(1400, 860)  # on first start, where the screen allows
FRAME_ALLOWANCE = 40  # pixels a window manager's borders and title bar may take
NOTES_SHARE = 0.45  # of the panes' width, at least, however narrow the window
PANE_WIDTHS = (320, 600, 500)  # the agenda, the notes, the actions, at first


class PaneSplitter(QSplitter):
    """The agenda, the notes and the actions side by side; says when it has widened (a
    wider window, a docked pane put away), its new width already shared out."""

    widened = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() > 0 and event.size().width() > event.oldSize().width():
            self.widened.emit()


class MainWindow(QMainWindow):
    def __init__(self, book: MinuteBook, *, temporary: bool = False) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.temporary = temporary
        self.context = MeetingContext(book, self)
        self.header = MeetingHeaderWidget(self.context, self)
        self.agenda = AgendaPane(self.context, self)
        self.notes = NotesPane(self.context, self)
        self.actions_panel = ActionPanel(self.context, self)
        self.review_panel = ReviewPanel(self.context, self)
        self.actions_panel.tabs.addTab(self.review_panel, "Review")
        self.review_panel.count_changed.connect(self._show_review_count)
        self.review_panel.minutes_replaced.connect(self.notes.reload_item)
        self.review_workflow = ReviewWorkflow(self.context, self)
        self.review_workflow.imported.connect(self.show_review_panel)
        self.books = BookControl(self)
        self.backups = BackupScheduler(self)
        self.backups.failed.connect(
            lambda message: self.statusBar().showMessage(f"Backup failed: {message}", 15000))

        self._share_when_shown = False
        self.splitter = named(PaneSplitter(Qt.Orientation.Horizontal, self), "mainSplitter")
        for pane in (self.agenda, self.notes, self.actions_panel):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes(list(PANE_WIDTHS))
        # What the agenda and the actions are given back as the window widens: their
        # first widths, or the widths the clerk last dragged them to.
        self._wanted_widths = list(PANE_WIDTHS)
        self.splitter.splitterMoved.connect(self._remember_the_widths)
        self.splitter.widened.connect(self._widen_the_sides)
        self.splitter.setChildrenCollapsible(False)
        workspace = QWidget(self)
        layout = QVBoxLayout(workspace)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)
        self.welcome = WelcomePage(self)
        self.welcome.new_meeting_requested.connect(self.new_meeting)
        self.welcome.open_book_requested.connect(self.books.open_book_dialog)
        self.welcome.sample_requested.connect(self.add_sample_meeting)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(workspace)
        self.banner = BookBanner(self)
        # An edit begun after the banner said one was refused: once it is saved, the
        # banner has said its piece.
        self._edited_since_conflict = False
        self.banner.retry_requested.connect(self.books.retry)
        self.banner.save_elsewhere_requested.connect(self.books.save_to_another_file)
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.attendance_panel: AttendancePanel | None = None  # made when first shown
        self._before_attendance: QWidget | None = None  # the keyboard goes back there
        self._focus_on_leaving: QWidget | None = None  # where the keyboard was, inactive
        self.attendance_dock = self._build_attendance_dock()
        self._before_search: QWidget | None = None
        self.search_pane = SearchPane(self.context, self)
        self.search_dock = self._build_search_dock()

        self.meeting_model = MeetingListModel(self)
        self.switcher = named(QComboBox(self), "meetingSwitcher")
        self.switcher.setModel(self.meeting_model)
        self.switcher.setMinimumContentsLength(48)
        self.switcher.setAccessibleName("Meeting")
        self.switcher.activated.connect(self._on_switcher)

        self.saved_label = named(QLabel("Every change is saved automatically", self), "savedLabel")
        self.live_label = named(QLabel("", self), "liveLabel")
        self.statusBar().addPermanentWidget(self.live_label)
        self.statusBar().addPermanentWidget(self.saved_label)
        self._build_menus()
        apply_saved_shortcuts(self)
        self._connect()
        self.restore_state()
        self.load_book_view()

    # -- composition ---------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_book_action = self._action(file_menu, "&New book\u2026", self.books.new_book,
                                            "file.new_book")
        self._action(file_menu, "&Open book\u2026", self.books.open_book_dialog,
                     "file.open_book")
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.aboutToShow.connect(
            lambda: self.books.fill_recent(self.recent_menu))
        file_menu.addMenu(self.recent_menu)
        self._action(file_menu, "Open &team book\u2026", self.books.open_team_book)
        file_menu.addSeparator()
        self.export_action = self._action(file_menu, "&Export\u2026", self.show_export,
                                          "file.export")
        self._action(file_menu, "House &styles folder", open_styles_folder)
        self._action(file_menu, "Restore from &backup\u2026", self.books.restore_from_backup)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, "file.quit")

        edit_menu = bar.addMenu("&Edit")
        stack = self.context.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        bind(self.undo_action, "edit.undo")
        self.redo_action = stack.createRedoAction(self, "&Redo")
        bind(self.redo_action, "edit.redo")
        for action in (self.undo_action, self.redo_action):
            edit_menu.addAction(action)
            self.addAction(action)

        edit_menu.addSeparator()
        self._action(edit_menu, "&Search the book\u2026", self.show_search, "search.open")
        self._action(edit_menu, "Find &next in the notes", lambda: self.find_in_notes(True),
                     "search.next")
        self._action(edit_menu, "Find &previous in the notes",
                     lambda: self.find_in_notes(False), "search.previous")
        edit_menu.addSeparator()
        self._action(edit_menu, "&Your name\u2026", self.ask_user_name)

        meeting_menu = bar.addMenu("&Meeting")
        self.new_meeting_action = self._action(meeting_menu, "&New meeting\u2026",
                                               self.new_meeting, "meeting.new")
        self._action(meeting_menu, "&Switch meeting\u2026", self._focus_switcher,
                     "meeting.switch")
        meeting_menu.addSeparator()
        self.attendance_action = self._action(
            meeting_menu, "A&ttendance and declarations", self.toggle_attendance,
            "meeting.attendance")
        # Both record the current item: arrived during it, left after it.
        self.movement_actions = {
            "arrived": self._action(meeting_menu, "Someone a&rrived\u2026",
                                    lambda: self.record_movement("arrived"), "meeting.arrived"),
            "left": self._action(meeting_menu, "Someone &left\u2026",
                                 lambda: self.record_movement("left"), "meeting.left"),
        }
        self.committee_action = self._action(meeting_menu, "C&ommittee settings\u2026",
                                             self.show_committee_settings)
        self.standing_items_action = self._action(
            meeting_menu, "&Use this agenda as the committee's standing items\u2026",
            self.use_agenda_as_standing_items)
        self.import_agenda_action = self._action(
            meeting_menu, "Import a&genda from a file (Word, PDF, text, CSV)\u2026",
            lambda: self.import_agenda_file())
        self.paste_agenda_action = self._action(
            meeting_menu, "&Paste an agenda (the clipboard's text)\u2026", self.paste_agenda)
        meeting_menu.addSeparator()
        self.workflow_actions = {}
        for transition, rule in RULES.items():
            if transition is Transition.SEND_FOR_REVIEW:
                # Sending writes the review copy for the chair (ui/review/round_trip.py).
                action = self._action(meeting_menu, "Send for re&view\u2026",
                                      self.review_workflow.send)
            else:
                action = self._action(
                    meeting_menu, rule.label + ("\u2026" if rule.needs_reason else ""),
                    lambda _checked=False, t=transition: self.change_status(t))
            self.workflow_actions[transition] = action
        self.import_review_action = self._action(meeting_menu, "&Import review\u2026",
                                                 lambda: self.review_workflow.import_file())
        self._action(meeting_menu, "Review co&mments", self.show_review_panel, "meeting.review")
        meeting_menu.addSeparator()
        self.start_action = self._action(meeting_menu, "St&art meeting (time items)",
                                         lambda: self.context.set_live(True), "meeting.start")
        self.close_meeting_action = self._action(meeting_menu, "&Close meeting",
                                                 lambda: self.context.set_live(False),
                                                 "meeting.close")
        meeting_menu.addSeparator()
        self.delete_meeting_action = self._action(meeting_menu, "&Delete meeting\u2026",
                                                  self.delete_meeting)

        item_menu = bar.addMenu("&Agenda")
        for key in ("add", "add_child", "rename", None, "indent", "outdent", "up", "down",
                    None, "next", "previous", None, "delete"):
            if key is None:
                item_menu.addSeparator()
            else:
                item_menu.addAction(self.agenda.agenda_actions[key])
        self.notes.addAction(self.agenda.agenda_actions["rename"])
        self.agenda.text_typed.connect(self.notes.continue_typing)
        item_menu.addSeparator()
        self.details_action = self._action(
            item_menu, "Item &details (agenda text, presenter, papers)",
            self.notes.toggle_details, "agenda.details")
        notes_menu = bar.addMenu("&Notes")
        for action in self.notes.format_actions.values():
            notes_menu.addAction(action)
            # Formatting shortcuts work wherever the editor has focus.
            self.notes.add_editor_action(action)
        notes_menu.addSeparator()
        self.phrases = QuickPhrases(self.context, self.notes, self)
        notes_menu.addAction(self.phrases.menu_action)
        notes_menu.addAction(self.phrases.edit_action)

        actions_menu = bar.addMenu("A&ctions")
        self.capture = LineCapture(self.context, lambda: self.notes.editor, self)
        self.notes.line_finished = self.capture.capture_typed_action
        self._action(actions_menu, "Make the line an &action", self.capture.line_to_action,
                     "actions.from_line")
        self._action(actions_menu, "Record a &decision from the line",
                     self.capture.line_to_decision, "actions.decision")
        self._action(actions_menu, "&Capture action", self.actions_panel.focus_capture,
                     "actions.capture")
        self._action(actions_menu, "Back to &notes", lambda: self.notes.editor.setFocus(),
                     "actions.back_to_notes")
        actions_menu.addSeparator()
        self.confirmation_action = self._action(
            actions_menu, "Record the previous minutes con&firmed", self.record_confirmation,
            "actions.confirmation")

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts,
                     "help.shortcuts")
        self._action(help_menu, f"&About {APP_NAME}", self.show_about)

        toolbar = named(QToolBar("Meeting", self), "meetingToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" Meeting: ", self))
        toolbar.addWidget(self.switcher)
        toolbar.addAction(self.new_meeting_action)
        name_tool_buttons(toolbar)
        self.addToolBar(toolbar)

    def _action(self, menu: QMenu, text: str, slot: Callable[..., object],
                action_id: str | None = None) -> QAction:
        """A menu entry; with an id from ui/shortcuts.py it is on that action's keys."""
        action = QAction(text, self)
        if action_id is not None:
            bind(action, action_id)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _connect(self) -> None:
        ctx = self.context
        ctx.error.connect(lambda message: self.statusBar().showMessage(message, 10000))
        ctx.notice.connect(lambda message: self.statusBar().showMessage(message, 20000))
        ctx.autosave.saved.connect(self._on_saved)
        ctx.autosave.saved.connect(lambda _when: self.backups.note_edit())
        ctx.autosave.failed.connect(self._on_save_failed)
        ctx.conflict.connect(self._on_conflict)
        ctx.notes_lease.changed.connect(self._on_notes_lease)
        self.notes.conflicts_changed.connect(lambda _waiting: self._say_saved())
        ctx.autosave.pending_changed.connect(self._on_pending)
        ctx.meetings_changed.connect(self.refresh_meetings)
        ctx.meeting_changed.connect(self._on_meeting_changed)
        ctx.live_changed.connect(self._on_live_changed)

    # -- book ----------------------------------------------------------------
    def load_book_view(self, meeting_id: int | None = None) -> None:
        """Show the book's meetings: ``meeting_id``, or the one last open, or the first."""
        book = self.context.book
        # A team book is no file: not among the recent files; its backups are book
        # files copied from the server (store/backups.py make_team_backup).
        if not self.temporary and book.server is None:
            remember_book(book.path)
            if not book.read_only:
                self.backups.book_opened(book.path)
        elif book.server is not None:
            remember_team_book(public_location(book.engine.url))  # no password kept
            if not book.read_only:
                self.backups.team_book_opened(book)
        self.banner.show_book(book)
        self.context.book_changes.follow(book)  # a team book: the other windows' changes
        self.saved_label.setText("Read-only: nothing is changed here" if book.read_only
                                 else "Every change is saved automatically")
        for action in (self.new_meeting_action, self.import_review_action,
                       self.committee_action, self.confirmation_action,
                       self.standing_items_action):
            action.setEnabled(not book.read_only)
        self.refresh_meetings()
        last = app_settings().value(self._last_meeting_key())
        rows = (self.meeting_model.meeting(r) for r in range(self.meeting_model.rowCount()))
        ids = [row.id for row in rows if row is not None]
        wanted = meeting_id if meeting_id is not None else \
            int(last) if last is not None and str(last).isdigit() else None
        self.context.open_meeting(wanted if wanted in ids else (ids[0] if ids else None))
        self._update_title()

    # -- meetings ------------------------------------------------------------
    def refresh_meetings(self) -> None:
        rows = self.context.run(meetings.list_meetings) or []
        self.meeting_model.set_meetings(rows)
        self.switcher.setCurrentIndex(self.meeting_model.row_of(self.context.meeting_id))

    def _on_switcher(self, row: int) -> None:
        meeting_id = self.switcher.itemData(row, MeetingIdRole)
        if meeting_id != self.context.meeting_id:
            self.context.open_meeting(meeting_id)

    def _focus_switcher(self) -> None:
        self.switcher.setFocus()
        self.switcher.showPopup()

    def _on_meeting_changed(self, _header: object) -> None:
        status = self.context.header.status if self.context.header else None
        writable = not self.context.book.read_only
        for transition, action in self.workflow_actions.items():
            action.setEnabled(writable and status is not None
                              and transition in allowed_transitions(status))
        has_meeting = self.context.meeting_id is not None
        self.pages.setCurrentIndex(1 if has_meeting else 0)
        if not has_meeting:
            self.attendance_dock.hide()  # nothing to attend on the welcome page
        self.welcome.show_book(self.context.book.location)
        self.switcher.setCurrentIndex(self.meeting_model.row_of(self.context.meeting_id))
        self.delete_meeting_action.setEnabled(self.context.editable)
        for action in (self.import_agenda_action, self.paste_agenda_action):
            action.setEnabled(self.context.editable)
        self._on_live_changed(self.context.live)
        if self.context.meeting_id is not None:
            settings = app_settings()
            settings.setValue(self._last_meeting_key(), self.context.meeting_id)
        self._update_title()

    def new_meeting(self) -> None:
        self.context.autosave.flush()
        dialog = NewMeetingDialog(self.context.run(committees.list_committees) or [], self)
        if dialog.exec() != NewMeetingDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        committee_id = values["committee_id"]
        if committee_id is None:
            committee = self.context.apply(
                committees.create_committee, values["committee_name"],
                numbering_scheme=values["numbering_scheme"],
                number_start=values["number_start"])
            if committee is None:
                return
            committee_id = committee.id
        header = self.context.apply(meetings.create_meeting, committee_id, values["title"],
                                    values["date"],
                                    with_standing_items=values["with_standing_items"])
        if header is not None:
            self.refresh_meetings()
            self.context.open_meeting(header.id)
            if note := self.context.run(meetings.numbering_note, header.id):
                self.context.notice.emit(note)  # numbers chosen to repeat none approved
            self.offer_carry_forward()
            # Straight to typing, or, with nothing on the agenda yet, to adding to it.
            has_items = self.context.current_item_id is not None
            (self.notes.editor if has_items else self.agenda.tree).setFocus()

    def change_status(self, transition: Transition) -> None:
        """Move the minutes along draft -> in review -> approved (or back, with a reason)."""
        header = self.context.header
        if header is None:
            return
        reason = None
        rule = RULES[transition]
        if rule.needs_reason:
            reason, ok = QInputDialog.getText(
                self, rule.label, "Why? (recorded with your name in the meeting's history)")
            if not ok:
                return
        self.context.autosave.flush()
        if self.context.live:
            self.context.set_live(False)
        item_id = self.context.current_item_id
        if self.context.apply(meetings.change_status, header.id, transition, reason):
            self.context.open_meeting(header.id)  # every pane re-reads what it may edit
            if item_id is not None:
                self.context.show_item_request.emit(item_id)
            self.refresh_meetings()

    def show_export(self) -> None:
        if self.context.meeting_id is None:
            return
        self.context.autosave.flush()
        dialog = ExportDialog(self.context, self)
        try:
            dialog.exec()
        finally:
            # Each export a dialog of its own: closed, it goes, with its previews (a file
            # still being written reports to a relay that outlives it: export_worker.py).
            dialog.deleteLater()

    def show_review_panel(self) -> None:
        self.actions_panel.tabs.setCurrentWidget(self.review_panel)
        self.review_panel.refresh()
        if self.review_panel.list.currentRow() < 0 and self.review_panel.list.count():
            self.review_panel.list.setCurrentRow(0)
        self.review_panel.list.setFocus()

    def _show_review_count(self, count: int) -> None:
        index = self.actions_panel.tabs.indexOf(self.review_panel)
        self.actions_panel.tabs.setTabText(index, f"Review ({count})" if count else "Review")

    def record_confirmation(self) -> None:
        """On a "Confirmation of the minutes" item: RESOLVED that they be agreed as a
        correct record and signed by the Chair; the earlier minutes are marked confirmed."""
        item_id = self.context.current_item_id
        if item_id is None:
            return
        self.context.autosave.flush()
        minutes_of = None
        header = self.context.header
        if self.context.run(confirmation.get_link, item_id) is None and header is not None:
            # Nothing linked: the minutes may predate the book, so ask whose they are.
            back_to = QApplication.focusWidget()
            dialog = ConfirmDateDialog(header.date, self)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            minutes_of = dialog.date()
            dialog.deleteLater()
            if back_to is not None:
                back_to.setFocus()
            if not accepted:
                return
        decision = self.context.apply(decisions.record_confirmation, item_id,
                                      minutes_of=minutes_of)
        if decision is not None:
            self.context.decisions_changed.emit(item_id)
            self.notes.details.show_confirmation()
            link = self.context.run(confirmation.get_link, item_id)
            if link is not None:
                self.context.notice.emit(link.summary)

    def ask_user_name(self) -> None:
        """This is a desktop app: no accounts, just the name to record with each change."""
        name, ok = QInputDialog.getText(
            self, "Your name", "Your name, as the history of each meeting should show it:",
            text=user_name() or self.context.book.actor)
        if ok and name.strip():
            set_user_name(name)
            self.context.book.actor = name.strip()

    def _build_attendance_dock(self) -> QDockWidget:
        """Attendance docks beside the notes instead of covering them (or floats, on a
        second screen). The dock is there from the start, so that the window's saved
        layout can put it back; the panel in it is made when it is first shown."""
        dock = named(QDockWidget("Attendance", self), "attendanceDock")
        dock.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea
                             | Qt.DockWidgetArea.LeftDockWidgetArea
                             | Qt.DockWidgetArea.BottomDockWidgetArea)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        dock.visibilityChanged.connect(lambda shown: shown and self._attendance())
        return dock

    def _attendance(self) -> AttendancePanel:
        if self.attendance_panel is None:
            panel = AttendancePanel(self.context, self.attendance_dock)
            panel.windowTitleChanged.connect(self.attendance_dock.setWindowTitle)
            self.attendance_dock.setWindowTitle(panel.windowTitle())
            panel.escaped.connect(self._leave_attendance)
            self.attendance_dock.setWidget(panel)
            self.attendance_panel = panel
        return self.attendance_panel

    def show_attendance(self) -> AttendancePanel | None:
        """The attendance panel, shown beside the notes with the keyboard in it."""
        if self.context.meeting_id is None:
            return None
        panel = self._attendance()
        dock = self.attendance_dock
        focus = QApplication.focusWidget()
        if focus is not None and not panel.isAncestorOf(focus):
            self._before_attendance = focus
        self._bring_up(dock, max(self.width() // 3, 420))  # leaving the notes room
        panel.focus_list()
        return panel

    def _bring_up(self, dock: QDockWidget, width: int) -> None:
        """Show a docked pane ``width`` wide (if it was hidden and is docked), the notes
        keeping their share, and in front."""
        if dock.isHidden():
            before = self.splitter.sizes()
            dock.show()
            if not dock.isFloating():
                self.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
                QTimer.singleShot(0, lambda: self._scale_the_panes(before))
        dock.raise_()
        if dock.isFloating():
            dock.activateWindow()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._share_when_shown:
            self._share_when_shown = False
            self._keep_the_notes_wide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A window made narrower (snapped to half the screen, a smaller display) takes
        its width from the notes first, the splitter's one stretching pane: they keep
        their share."""
        super().resizeEvent(event)
        if event.size().width() < event.oldSize().width() and self.isVisible():
            self._keep_the_notes_wide()

    def _remember_the_widths(self) -> None:
        self._wanted_widths = self.splitter.sizes()

    def _widen_the_sides(self) -> None:
        """A wider window gave all its width to the notes, the pane that stretches: the
        agenda and the actions, if made narrower than wanted, have some back, the notes
        keeping their share."""
        if not self.isVisible():
            return
        sizes = self.splitter.sizes()
        spare = sizes[1] - int(sum(sizes) * NOTES_SHARE)
        for pane in (0, 2):
            give = max(0, min(spare, self._wanted_widths[pane] - sizes[pane]))
            sizes[pane] += give
            sizes[1] -= give
            spare -= give
        if sizes != self.splitter.sizes():
            self.splitter.setSizes(sizes)

    def _scale_the_panes(self, before: list[int]) -> None:
        """A docked pane has taken width from the panes: each gives its part of it, as
        they were (the splitter took it all from the agenda), none below its least
        width; then the notes keep their share."""
        sizes = self.splitter.sizes()
        total, was = sum(sizes), sum(before)
        if total <= 0 or was <= 0 or total >= was:
            return
        scaled = [size * total // was for size in before]
        floors = (self.agenda.minimumSizeHint().width(), self.actions_panel.readable_width())
        for pane, floor in zip((0, 2), floors, strict=True):
            lack = floor - scaled[pane]
            if lack > 0:
                scaled[pane] += lack
                scaled[1] -= lack
        scaled[1] += total - sum(scaled)
        self.splitter.setSizes(scaled)
        self._keep_the_notes_wide()

    def _keep_the_notes_wide(self) -> None:
        """The notes keep at least NOTES_SHARE of the splitter's width (which a dock or a
        narrower window makes smaller), taken from the actions and then the agenda."""
        sizes = self.splitter.sizes()
        want = int(sum(sizes) * NOTES_SHARE) - sizes[1]
        if want <= 0:
            return
        # The actions down to their Action column's readable width, the agenda down to
        # its least, then the actions down to theirs.
        for pane, floor in ((2, self.actions_panel.readable_width()),
                            (0, self.agenda.minimumSizeHint().width()),
                            (2, self.actions_panel.minimumSizeHint().width())):
            if want <= 0:
                break
            give = max(0, min(want, sizes[pane] - floor))
            sizes[pane] -= give
            sizes[1] += give
            want -= give
        self.splitter.setSizes(sizes)

    def toggle_attendance(self) -> None:
        """The attendance key: to the panel, or, from inside it, put it away and go back
        to where the keyboard was."""
        panel = self.attendance_panel
        focus = QApplication.focusWidget()
        if panel is not None and panel.isVisible() and focus is not None \
                and panel.isAncestorOf(focus):
            self._leave_attendance()  # first: a hidden widget with the focus passes it on
            self.attendance_dock.hide()
        else:
            self.show_attendance()

    def _leave_attendance(self) -> None:
        """Back to where the keyboard was before the attendance key (the notes, if that
        is gone)."""
        before = self._before_attendance
        self._before_attendance = None
        if before is not None and before.isVisible() and before.isEnabled() \
                and before.window() is self:
            before.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.notes.editor.setFocus()

    # -- search --------------------------------------------------------------
    def _build_search_dock(self) -> QDockWidget:
        """Search docks beside the notes, as attendance does (ui/search/pane.py)."""
        dock = named(QDockWidget("Search", self), "searchDock")
        dock.setWidget(self.search_pane)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        self.search_pane.hit_chosen.connect(self.open_search_hit)
        self.search_pane.escaped.connect(self._leave_search)
        return dock

    def show_search(self) -> None:
        """Ctrl+Shift+F: the Search pane, with the keyboard in its query box."""
        focus = QApplication.focusWidget()
        if focus is not None and not self.search_pane.isAncestorOf(focus):
            self._before_search = focus
        self._bring_up(self.search_dock, max(self.width() // 4, 380))
        self.search_pane.focus_query()

    def _leave_search(self) -> None:
        """Escape in the pane: put it away, the keyboard back where it was."""
        before, self._before_search = self._before_search, None
        self.search_dock.hide()
        if before is not None and shiboken6.isValid(before) and before.isVisible() \
                and before.isEnabled() and before.window() is self:
            before.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.notes.editor.setFocus()

    def open_search_hit(self, hit: SearchHit) -> None:
        """The meeting of a result, at its item, the words found selected in the notes."""
        if hit.meeting_id != self.context.meeting_id:
            self.context.open_meeting(hit.meeting_id)
        if self.context.meeting_id != hit.meeting_id:
            return  # the meeting could not be read: the status bar says why
        if hit.item_id is not None:
            self.agenda.select(hit.item_id)
        elif hit.kind in ("attendance", "declarations"):
            panel = self.show_attendance()
            if panel is not None and hit.kind == "declarations":
                panel.show_page(1)
            return
        self.notes.editor.setFocus()
        if hit.kind == "notes":
            select_match(self.notes.editor, self.search_pane.terms, from_start=True)

    def find_in_notes(self, forward: bool) -> None:
        """F3 / Shift+F3: the next (previous) word of the last search in the notes."""
        terms = self.search_pane.terms
        if not terms:
            self.statusBar().showMessage("Nothing searched for yet: Ctrl+Shift+F searches "
                                         "the book, then F3 finds the words in the notes.",
                                         10000)
            return
        self.notes.editor.setFocus()
        if not select_match(self.notes.editor, terms, forward=forward):
            self.statusBar().showMessage("The words searched for are not in this item's "
                                         "notes.", 10000)

    def record_movement(self, kind: Movement) -> None:
        """F6 / Shift+F6: for the people selected in the attendance list when it has the
        keyboard, otherwise ask who."""
        panel = self.attendance_panel
        if panel is not None and panel.table.hasFocus() and panel.selected_person_ids():
            panel.record_movement(kind)
        else:
            ask_and_record_movement(self.context, kind, self)

    def show_committee_settings(self) -> None:
        header = self.context.header
        if header is not None:
            self.context.autosave.flush()
            CommitteeDialog(self.context, header.committee_id, self).exec()

    def use_agenda_as_standing_items(self) -> None:
        """The committee's standing items become this agenda's top-level titles, after the
        clerk has seen them (committees.use_agenda_as_standing_items decides which)."""
        header = self.context.header
        if header is None:
            return
        self.context.autosave.flush()
        items = self.context.run(committees.standing_items_from_meeting, header.id)
        committee = self.context.run(committees.get_committee, header.committee_id)
        if items is None or committee is None:
            return
        listed = "\n".join(f"\u2022 {item.title}" for item in items) or "(none)"
        current = "\n".join(f"\u2022 {item.title}" for item in committee.standing_items)
        answer = QMessageBox.question(
            self, "Standing items",
            f"New meetings of {committee.name} will start with these standing items:\n\n"
            f"{listed}\n\nThey replace the current ones:\n\n{current or '(none)'}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.context.apply(committees.use_agenda_as_standing_items, header.id) is not None:
            self.context.notice.emit(
                f"{committee.name} has {len(items)} standing items, from this agenda.")

    def import_agenda_file(self, path: Path | None = None) -> bool:
        """Meeting › Import agenda: a file's agenda, previewed, into the open meeting."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, "Import an agenda", str(Path.home()),
                "Agendas (*.docx *.pdf *.txt *.csv *.text *.md);;All files (*)")
            if not chosen:
                return False
            path = Path(chosen)
        try:
            read = agenda_files.read_agenda_file(path)
        except MinuteTakerError as exc:
            QMessageBox.warning(self, "Cannot import the agenda", str(exc))
            return False
        return import_into_meeting(self.context, self, read, path.name)

    def paste_agenda(self) -> bool:
        """Meeting › Paste an agenda: the clipboard's text (from an e-mail, a web page)."""
        text = QApplication.clipboard().text()
        try:
            read = read_text(text)
        except MinuteTakerError as exc:
            QMessageBox.warning(self, "Cannot import the agenda",
                                f"The clipboard's text is not an agenda: {exc}")
            return False
        return import_into_meeting(self.context, self, read, "the clipboard")

    def offer_carry_forward(self) -> None:
        """A new meeting picks up where the last left off: its outstanding actions."""
        outstanding = self.actions_panel.outstanding_model.rowCount()
        if not outstanding or not self.context.editable:
            return
        answer = QMessageBox.question(
            self, "Outstanding actions",
            f"{outstanding} action(s) from earlier meetings of this committee are still "
            "open. Carry them forward into this meeting's matters-arising item, each with "
            "room for the update given?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self.actions_panel.outstanding_table.clearSelection()
            self.actions_panel.carry_forward()

    def add_sample_meeting(self) -> None:
        from minute_taker.services import interchange

        meeting_id = self.context.apply(interchange.load_demo)
        if meeting_id is not None:
            self.refresh_meetings()
            self.context.open_meeting(meeting_id)

    def delete_meeting(self) -> None:
        header = self.context.header
        if header is None:
            return
        answer = QMessageBox.question(
            self, "Delete meeting",
            f"Delete the meeting \u201c{header.title}\u201d of {header.date:%d %B %Y} with all "
            "its items, minutes and actions? This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.context.autosave.flush()
            self.context.apply(meetings.delete_meeting, header.id)
            self.load_book_view()

    def _on_live_changed(self, live: bool) -> None:
        header = self.context.header
        if live and header is not None and header.start_time is not None:
            self.live_label.setText(f"\u25cf LIVE since {header.start_time:%H:%M} "
                                    "\u2013 items are timed")
            self.live_label.setStyleSheet(
                text_style(OVERRUN.on(self.live_label.palette()), bold=True))
        else:
            self.live_label.setText("")
        self.start_action.setEnabled(not live and self.context.editable)
        self.close_meeting_action.setEnabled(live)

    # -- status --------------------------------------------------------------
    def _on_notes_lease(self) -> None:
        elsewhere = self.context.notes_lease.elsewhere
        if elsewhere is not None:
            self.banner.show_notes_elsewhere(elsewhere.describe(),
                                             let_go=self.context.notes_lease.let_go)
        elif self.banner.state == "notes-elsewhere":
            self.banner.show_book(self.context.book)

    def _on_conflict(self, message: str) -> None:
        self.banner.show_conflict(message)
        self._edited_since_conflict = False

    def _on_saved(self, when: dt.datetime) -> None:
        if self.banner.state == "not-saved" or (
                self.banner.state == "conflict" and self._edited_since_conflict):
            self.banner.clear()
        self._say_saved()

    def _say_saved(self) -> None:
        """The status bar's word on saving, after a save or a conflict of the notes."""
        when = self.context.autosave.last_saved
        if self.notes.has_conflicts:
            self.saved_label.setStyleSheet(
                text_style(ERROR.on(self.saved_label.palette()), bold=True))
            self.saved_label.setText("NOT SAVED \u2013 notes also changed by someone else "
                                     "(Alt+K at that item keeps both)")
        elif when is not None:
            self.saved_label.setStyleSheet("")
            self.saved_label.setText(f"All changes saved at {when:%H:%M:%S}")

    def _on_pending(self, pending: bool) -> None:
        self._edited_since_conflict = self._edited_since_conflict or pending
        if pending and not self.context.autosave.last_error:
            self.saved_label.setText("Saving\u2026")

    def _on_save_failed(self, message: str) -> None:
        self.saved_label.setStyleSheet(
            text_style(ERROR.on(self.saved_label.palette()), bold=True))
        self.saved_label.setText("NOT SAVED \u2013 retrying; your text is kept")
        self.banner.show_not_saved(message, team=self.context.book.server is not None)

    def _update_title(self) -> None:
        book = self.context.book.path.name if not self.temporary else "demo (temporary book)"
        if self.context.book.server is not None:
            book = f"{self.context.book.server} (team book)"
        if self.context.book.read_only:
            book += " (read-only)"
        meeting = f" \u2014 {self.context.header.title}" if self.context.header else ""
        self.setWindowTitle(f"{book}{meeting} \u2014 {APP_NAME}")

    def show_shortcuts(self) -> None:
        """Beside the window, not over it: a key changed there works here at once."""
        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_about(self) -> None:
        from minute_taker import __version__

        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<h3>{APP_NAME} {__version__}</h3><p>Take the minutes of formal "
                          "meetings: live capture, review, approval and publication.</p>"
                          f"<p>Book: {html.escape(self.context.book.location)}</p>")

    # -- state ---------------------------------------------------------------
    def _last_meeting_key(self) -> str:
        digest = hashlib.sha256(self.context.book.location.encode()).hexdigest()[:16]
        return f"last_meeting/{digest}"

    def restore_state(self) -> None:
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self._fit_screen()
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        sizes = settings.value("window/splitter")
        if isinstance(sizes, QByteArray):
            self.splitter.restoreState(sizes)
        else:
            # The sizes above were set before the window had its width; once it has, the
            # notes get their share of it (the stretch alone gave a window 800 pixels wide
            # 70 for the notes and 440 for the actions).
            self._share_when_shown = True

    def _fit_screen(self) -> None:
        """First start: 1400 x 860 where the screen has room for it and its frame, else
        the whole of the screen's free area. At 1366 x 768 the preferred size put the
        action form, the end time and the status bar off the screen."""
        area = self.screen().availableGeometry()
        frame = QSize(FRAME_ALLOWANCE, 2 * FRAME_ALLOWANCE)  # borders and title bar
        if PREFERRED_SIZE.width() + frame.width() <= area.width() and \
                PREFERRED_SIZE.height() + frame.height() <= area.height():
            self.resize(PREFERRED_SIZE)
            self.move(area.center() - self.rect().center())
        else:
            # Maximised: a window manager fits it, frame and all, to what is free.
            self.setGeometry(area)
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def save_state(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.sync()

    def flush_or_ask(self) -> bool:
        """Write everything; if that fails, let the user decide. True means go ahead."""
        while not self.context.autosave.flush():
            answer = QMessageBox.critical(
                self, "Changes not saved",
                f"Your latest changes could not be written:\n\n"
                f"{self.context.autosave.last_error}\n\nRetry, or cancel and keep working "
                "(your text stays in the window).",
                QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel
                | QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Retry)
            if answer == QMessageBox.StandardButton.Cancel:
                return False
            if answer == QMessageBox.StandardButton.Discard:
                self.context.autosave.discard()
                return True
        return True

    def changeEvent(self, event: QEvent) -> None:
        """A dialog over the window, closed, gives the keyboard back to where it was.
        Qt means to, but a completion list's hidden pop-up (the attendance name box's,
        once used) can leave the window pointing at its box, hidden in a closed dock, and
        Qt then falls back to the window's first field."""
        if event.type() == QEvent.Type.ActivationChange:
            if not self.isActiveWindow():
                focus = QApplication.focusWidget()
                self._focus_on_leaving = focus if focus and focus.window() is self else None
            elif (left := self._focus_on_leaving) is not None and shiboken6.isValid(left) \
                    and left.isVisible() and left.isEnabled() and left.window() is self:
                left.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.flush_or_ask():
            event.ignore()
            return
        self.save_state()
        self.context.leave_book()
        self.backups.wait()
        self.backups.stop()
        event.accept()

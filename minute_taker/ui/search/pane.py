"""The Search pane (Ctrl+Shift+F): a query box, filters and the results, all by keyboard.

It searches as the clerk types, 40 ms after the last key, on a thread of its own, from
the book as last saved: a common word in a book of years takes the service a tenth of
a second, which the window does not wait for. One search runs at a time; of those asked
for meanwhile only the last is run, and only the newest one's results are shown. Enter
(or a double-click) on a result asks the window to open it (``hit_chosen``); Escape
asks to put the pane away (``escaped``).
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPainter,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from minute_taker.domain.dates import parse_typed_date
from minute_taker.domain.enums import ActionStatus
from minute_taker.domain.errors import MinuteTakerError
from minute_taker.domain.records import SearchHit
from minute_taker.domain.search_query import KINDS, Term
from minute_taker.services import committees
from minute_taker.services import search as search_service
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.pane_keys import PaneKeys
from minute_taker.ui.search.qt_search_model import HtmlRole, SearchResultsModel
from minute_taker.ui.widgets import named
from minute_taker.ui.workers import OwnThread

# Issue 20 wants the results shown within 100 ms of the last key: this wait, plus the end
# of a search of what was typed before, if one runs, plus the search (15-35 ms over 1,000
# meetings), plus drawing them (10-15 ms). At 50 ms the p95 was 103 ms.
DEBOUNCE_MS = 40
MAX_REMEMBERED = 2000  # rows' heights kept (each text at each width)
QUERY_HELP = ('Words (any form), "a phrase", polic* (a prefix), -word (leave out), '
              "owner:DCC, status:open, kind:decisions, before:2018-01-31. "
              "Down: to the results; Enter on one: open it; Escape: close.")
STATUSES: tuple[tuple[str, tuple[ActionStatus, ...] | None], ...] = (
    ("Any status", None),
    ("Open", (ActionStatus.OPEN,)),
    ("Outstanding (open or carried forward)",
     (ActionStatus.OPEN, ActionStatus.CARRIED_FORWARD)),
    ("Done", (ActionStatus.DONE,)),
    ("Carried forward", (ActionStatus.CARRIED_FORWARD,)),
    ("Dropped", (ActionStatus.DROPPED,)),
)


class RichTextDelegate(QStyledItemDelegate):
    """Draws a row's ``HtmlRole`` (the matches in bold), wrapped to the view's width."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        self._heights: dict[tuple[str, int], int] = {}

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex,
                  width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(3)
        document.setHtml(str(index.data(HtmlRole) or ""))
        document.setTextWidth(max(width, 80))
        return document

    def _width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        depth = 1 if index.parent().isValid() else 0  # no decoration: indented by depth
        viewport = self.view.viewport()
        full = viewport.width() if viewport is not None else 300
        return full - self.view.indentation() * depth

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        option.text = ""  # the style draws the row's background; the document its text
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = option.rect
        document = self._document(option, index, rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = option.palette.ColorRole.HighlightedText if selected \
            else option.palette.ColorRole.Text
        context.palette.setColor(context.palette.ColorRole.Text,
                                 option.palette.color(role))
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(rect.translated(-rect.topLeft()))
        layout = document.documentLayout()
        if layout is not None:
            layout.draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        """Laid out once for each text and width: the view asks for each row's height
        again and again, and a layout is the slow part of showing the results."""
        width = self._width(index)
        key = (str(index.data(HtmlRole) or ""), width)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > MAX_REMEMBERED:
                self._heights.clear()
            height = int(self._document(option, index, width).size().height()) + 2
            self._heights[key] = height
        return QSize(width, height)


class ResultsView(QTreeView):
    """The results: rows laid out again when the width (and so the wrapping) changes;
    Up on the first row goes back to the query box (``above``)."""

    above: QWidget | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        first = self.model().index(0, 0) if self.model() is not None else QModelIndex()
        if event.key() == Qt.Key.Key_Up and self.above is not None \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier \
                and (not self.currentIndex().isValid() or self.currentIndex() == first):
            self.above.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()


@dataclass(frozen=True, eq=False)
class _Asked:
    """One search, as the fields held it when it was asked for."""

    query: str
    kinds: list[str] | None
    committee: str | None
    date_from: dt.date | None
    date_to: dt.date | None
    owner: str | None
    status: tuple[ActionStatus, ...] | None
    unread: tuple[str, ...]  # the dates typed that could not be read


class SearchPane(QWidget):
    hit_chosen = Signal(object)  # SearchHit
    escaped = Signal()

    def __init__(self, context: MeetingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPane")
        self.setWindowTitle("Search")
        self.context = context
        self.terms: tuple[Term, ...] = ()  # what the last search looked for (F3 finds it)
        self.searched = False
        self.keys = PaneKeys(self)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self._worker = OwnThread("search", self._found)
        self._running: _Asked | None = None  # the search on the worker
        self._waiting: _Asked | None = None  # the last asked for while it ran
        self._newest: _Asked | None = None  # the only one whose results are shown
        self._then_results: _Asked | None = None  # Down pressed while this was found

        self.query = named(QLineEdit(self), "searchQuery")
        self.query.setPlaceholderText('Words, "a phrase", owner:DCC\u2026')
        self.query.setToolTip(QUERY_HELP)
        self.query.setAccessibleDescription(QUERY_HELP)
        self.query.setClearButtonEnabled(True)
        self.kind = named(QComboBox(self), "searchKind")
        self.kind.addItem("All kinds", None)
        for kind in KINDS:
            self.kind.addItem(kind.capitalize(), kind)
        self.committee = named(QComboBox(self), "searchCommittee")
        self.date_from = self._date_edit("searchFrom", "From date")
        self.date_to = self._date_edit("searchTo", "To date")
        self.owner = named(QLineEdit(self), "searchOwner")
        self.owner.setPlaceholderText("e.g. DCC")
        self.status = named(QComboBox(self), "searchStatus")
        for text, statuses in STATUSES:
            self.status.addItem(text, statuses)
        self.summary = named(QLabel(self), "searchSummary")
        self.summary.setWordWrap(True)
        self.model = SearchResultsModel(self)
        self.results = self._build_results()

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        rows: tuple[tuple[int, int, str, str, QWidget, int], ...] = (
            (0, 0, "Look for:", "l", self.query, 3),
            (1, 0, "Kind:", "k", self.kind, 1),
            (1, 2, "Committee:", "o", self.committee, 1),
            (2, 0, "Dates from:", "d", self.date_from, 1),
            (2, 2, "To:", "t", self.date_to, 1),
            (3, 0, "Owner:", "w", self.owner, 1),
            (3, 2, "Status:", "s", self.status, 1),
        )
        for row, column, text, letter, field, span in rows:
            label = QLabel(self)
            self.keys.label(label, text, letter, field)
            grid.addWidget(label, row, column)
            grid.addWidget(field, row, column + 1, 1, span)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        results_label = QLabel(self)
        self.keys.label(results_label, "Results:", "r", self.results)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 4)
        layout.addLayout(grid)
        layout.addWidget(results_label)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.summary)
        self.keys.watch()
        self.query.installEventFilter(self)

        self.query.textChanged.connect(self.search_soon)
        self.owner.textChanged.connect(self.search_soon)
        self.date_from.textChanged.connect(self.search_soon)
        self.date_to.textChanged.connect(self.search_soon)
        for combo in (self.kind, self.committee, self.status):
            combo.currentIndexChanged.connect(self.search_soon)
            # As wide as the pane allows, not as its longest entry: the pane docks narrow.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        context.meetings_changed.connect(self.load_committees)
        self.load_committees()

    def _date_edit(self, name: str, spoken: str) -> QLineEdit:
        edit = named(QLineEdit(self), name)
        edit.setPlaceholderText("any")
        edit.setToolTip("A day, e.g. 2017-10-31, 31/10/2017 or 31 Oct 2017; "
                        "empty: no limit")
        edit.setAccessibleName(spoken)
        return edit

    def _build_results(self) -> ResultsView:
        view = named(ResultsView(self), "searchResults")
        view.setModel(self.model)
        view.setHeaderHidden(True)
        view.setRootIsDecorated(False)
        view.setIndentation(12)
        view.setUniformRowHeights(False)
        view.setItemDelegate(RichTextDelegate(view))
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A row at a time: the view then measures the rows it shows, not all of them for
        # a scroll bar in pixels (200 rich-text layouts, 40-90 ms, for a common word).
        view.setVerticalScrollMode(QTreeView.ScrollMode.ScrollPerItem)
        view.setAccessibleName("Results")
        view.activated.connect(self._activated)
        view.above = self.query
        self.model.modelReset.connect(view.expandAll)
        return view

    # -- keys ----------------------------------------------------------------
    def focus_query(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape that no field wanted (an open list takes it first) leaves the pane."""
        if event.key() == Qt.Key.Key_Escape and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            self.escaped.emit()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: object, event: object) -> bool:
        """Down (or Enter) in the query box: to the results, at the first entry found."""
        if watched is self.query and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                          Qt.KeyboardModifier.KeypadModifier):
            if self._timer.isActive():
                self.search_now()
            if self._newest is not None and self._newest in (self._running, self._waiting):
                self._then_results = self._newest  # when it is found, if nothing else was
            else:
                self.focus_results()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def focus_results(self) -> None:
        view = self.results
        if not self.model.rowCount():
            return  # nothing found: the keyboard stays in the box
        if not view.currentIndex().isValid() or self.model.hit(view.currentIndex()) is None:
            first = self.model.index(0, 0, self.model.index(0, 0))
            if first.isValid():
                view.setCurrentIndex(first)
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _activated(self, index: QModelIndex) -> None:
        hit = self.model.hit(index)
        if hit is not None:
            self.hit_chosen.emit(hit)
        elif self.model.rowCount(index):  # a meeting's row: to its first entry
            self.results.setCurrentIndex(self.model.index(0, 0, index))

    # -- searching -----------------------------------------------------------
    def load_committees(self) -> None:
        chosen = self.committee.currentData()
        self.committee.blockSignals(True)
        self.committee.clear()
        self.committee.addItem("All committees", None)
        for committee in self.context.run(committees.list_committees) or []:
            self.committee.addItem(committee.name, committee.name)
        found = self.committee.findData(chosen)
        self.committee.setCurrentIndex(max(found, 0))
        self.committee.blockSignals(False)

    def search_soon(self) -> None:
        self._timer.start()
        self._then_results = None  # typed on after Down: the keyboard stays where it is

    def _date(self, edit: QLineEdit) -> dt.date | None:
        typed = edit.text().strip()
        return parse_typed_date(typed, dt.date.today()) if typed else None

    @property
    def busy(self) -> bool:
        """A search is due, running, or waiting for the one running."""
        return self._timer.isActive() or self._running is not None

    def search_now(self) -> None:
        """Search with what the fields hold now (the timer's end, or Down pressed)."""
        self._timer.stop()
        query = self.query.text()
        date_from, date_to = self._date(self.date_from), self._date(self.date_to)
        kind = self.kind.currentData()
        asked = self._newest = _Asked(
            query, [kind] if kind else None, self.committee.currentData(), date_from,
            date_to, self.owner.text().strip() or None, self.status.currentData(),
            tuple(name for name, edit, day in (("from", self.date_from, date_from),
                                               ("to", self.date_to, date_to))
                  if edit.text().strip() and day is None))
        if self._running is None:
            self._start(asked)
        else:
            self._waiting = asked  # any asked for before it is not run

    def _start(self, asked: _Asked) -> None:
        book = self.context.book
        self._running = asked
        future = self._worker.submit(
            search_service.search, book, asked.query, kinds=asked.kinds,
            committee=asked.committee, date_from=asked.date_from, date_to=asked.date_to,
            owner=asked.owner, status=asked.status)
        self._worker.report(future, (asked, book, future))

    def _found(self, landed: tuple[_Asked, object, concurrent.futures.Future[list[SearchHit]]]
               ) -> None:
        asked, book, future = landed
        self._running = None
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._start(waiting)
        if asked is not self._newest or book is not self.context.book:
            return  # asked for again since, or another book opened: its results are stale
        try:
            hits = future.result()
        except MinuteTakerError as exc:  # the book could not be read: the status bar says why
            self.context.error.emit(str(exc))
            hits = []
        self.terms = search_service.terms_of(asked.query)
        self.searched = True
        self.model.set_hits(hits)
        self.summary.setText(self._summary(hits, list(asked.unread)))
        if self._then_results is asked:
            self._then_results = None
            if self.query.hasFocus():
                self.focus_results()

    def _summary(self, hits: list[SearchHit], unread: list[str]) -> str:
        meetings = len(self.model.groups)
        if hits:
            text = (f"{len(hits)} found in {meetings} meeting{'s' if meetings != 1 else ''}"
                    + (" (the first 200)" if len(hits) >= search_service.DEFAULT_LIMIT else ""))
        elif not (self.query.text().strip() or self.owner.text().strip()):
            text = "Type what to look for."
        else:
            text = "Nothing found."
        if unread:
            text += f" The {' and '.join(unread)} date could not be read: it is left out."
        return text

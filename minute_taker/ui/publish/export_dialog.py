"""File > Export: format, house style, public or full version, a preview, and the file.

What is read from the book is read here on the GUI thread (``publishing.prepare``), the
one thread that uses the book; every format is written on a worker thread
(``export_worker``) while a busy bar moves, so the window never waits for a file.

The dialog is modal and the main window saves pending notes before opening it, so the
book does not change while it is open: what was prepared for a choice, and each
preview, is kept for the dialog's life, and going back to a choice costs nothing.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from minute_taker import paths
from minute_taker.domain.errors import MinuteTakerError
from minute_taker.export import formats
from minute_taker.export.styles import read_style, style_folders
from minute_taker.services import publishing
from minute_taker.ui.book.settings import app_settings
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.publish.export_worker import ExportWriter
from minute_taker.ui.widgets import named

FOLDER_KEY = "export/folder"
HTML_PREVIEWS = ("docx", "pdf", "html")  # these three look alike: one preview page

PreviewKey = tuple[str, str | None, bool, bool]


class ExportDialog(QDialog):
    def __init__(self, context: MeetingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        self.context = context
        assert context.meeting_id is not None
        self.meeting_id: int = context.meeting_id
        self.prepared: formats.PreparedExport | None = None
        self.written: publishing.ExportResult | None = None
        self._prepared: dict[formats.ExportRequest,
                             formats.PreparedExport | MinuteTakerError] = {}
        self._previews: dict[PreviewKey, str] = {}
        self._shown_preview: PreviewKey | None = None
        self.writer = ExportWriter(self)
        self.writer.written.connect(self._finished)
        self.writer.failed.connect(self._failed)

        self.format = named(QComboBox(self), "exportFormat")
        for key, (label, extension) in formats.FORMATS.items():
            self.format.addItem(f"{label} ({extension})", key)
        self.style_choice = named(QComboBox(self), "exportStyle")
        self.style_choice.addItem("The committee's own style", None)
        for name, folder in style_folders(paths.user_styles_dir()).items():
            try:
                self.style_choice.addItem(read_style(folder).title + f" ({name})", name)
            except MinuteTakerError:
                continue
        self.public = named(QRadioButton("&Public version: confidential items withheld",
                                         self), "exportPublic")
        self.full = named(QRadioButton("F&ull version, marked Not for publication", self),
                          "exportFull")
        self.version = QButtonGroup(self)
        for button in (self.public, self.full):
            self.version.addButton(button)
        self.outstanding = named(QCheckBox("All the committee's &outstanding actions", self),
                                 "exportOutstanding")
        self.note = named(QLabel(self, wordWrap=True), "exportNote")
        self.path = named(QLineEdit(self), "exportPath")
        self.browse_button = browse = QPushButton("&Browse\u2026", self)
        browse.clicked.connect(self.browse)
        self.preview_html = named(QTextBrowser(self), "exportPreview")
        self.preview_html.setOpenLinks(False)  # a paper's link must not replace the preview
        self.preview_text = named(QPlainTextEdit(self, readOnly=True), "exportPreviewText")
        self.previews = QStackedWidget(self)
        self.previews.addWidget(self.preview_html)
        self.previews.addWidget(self.preview_text)
        # No maximum: a busy bar, which moves for as long as the file is being written.
        self.progress = named(QProgressBar(self, minimum=0, maximum=0, textVisible=False),
                              "exportProgress")
        self.progress.hide()
        self.done_label = named(QLabel(self, wordWrap=True), "exportDone")
        self.open_folder = named(QPushButton("Open containing &folder", self),
                                 "exportOpenFolder")
        self.open_folder.clicked.connect(self._open_folder)
        self.open_folder.hide()
        self.export_button = named(QPushButton("&Export", self, default=True), "exportButton")
        self.export_button.clicked.connect(self.start)
        close = QPushButton("Close", self)
        close.clicked.connect(self.reject)
        self._layout(browse, close)
        for signal in (self.format.currentIndexChanged, self.style_choice.currentIndexChanged,
                       self.version.buttonClicked, self.outstanding.toggled):
            signal.connect(lambda *_: self.refresh())
        self.resize(1100, 760)
        self.refresh()

    def _layout(self, browse: QPushButton, close: QPushButton) -> None:
        form = QFormLayout()
        form.addRow("For&mat", self.format)
        form.addRow("&Style", self.style_choice)
        versions = QVBoxLayout()
        versions.addWidget(self.public)
        versions.addWidget(self.full)
        versions.addWidget(self.outstanding)
        form.addRow("Version", versions)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        save_as = QLabel("Save &as", self)
        save_as.setBuddy(self.path)
        form.addRow(save_as, row)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.note)
        side.addStretch(1)
        side.addWidget(self.progress)
        side.addWidget(self.done_label)
        side.addWidget(self.open_folder)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.export_button)
        side.addLayout(buttons)
        holder = QWidget(self)
        holder.setLayout(side)
        # As wide as its widest line at the font in use (a fixed 400 px cut "Public
        # version: confidentia..." at 16 pt); the preview takes the rest.
        holder.setMinimumWidth(max(400, holder.sizeHint().width()))
        layout = QHBoxLayout(self)
        layout.addWidget(holder)
        layout.addWidget(self.previews, 1)

    # -- choices -----------------------------------------------------------------------
    def request(self) -> formats.ExportRequest:
        checked = self.version.checkedButton()
        public = None if checked is None else checked is self.public
        fmt = self.format.currentData()
        return formats.ExportRequest(
            meeting_id=self.meeting_id, fmt=fmt, public=public,
            style=self.style_choice.currentData(),
            outstanding=fmt in formats.ACTION_FORMATS and self.outstanding.isChecked())

    def refresh(self) -> None:
        """Preview the current choice; say what stops the export, if anything."""
        self.written = None
        self.done_label.clear()
        self.open_folder.hide()
        prepared = self._prepare(self.request())
        if isinstance(prepared, MinuteTakerError):
            self.prepared = None
            self.note.setText(f"<b>{prepared}</b>")
        else:
            self.prepared = prepared
            self._show_notes(prepared)
            self._preview(prepared)
            self._suggest_path(prepared)
        self._enable_choices()

    def _prepare(self, request: formats.ExportRequest
                 ) -> formats.PreparedExport | MinuteTakerError:
        """The export for ``request``, read from the book the first time it is chosen."""
        if request not in self._prepared:
            try:
                self._prepared[request] = publishing.prepare(
                    self.context.book, request, user_styles=paths.user_styles_dir())
            except MinuteTakerError as exc:
                self._prepared[request] = exc
        return self._prepared[request]

    def _enable_choices(self) -> None:
        """Nothing can be changed while a file is being written."""
        choosing = not self.writer.busy
        for widget in (self.format, self.style_choice, self.path, self.browse_button):
            widget.setEnabled(choosing)
        confidential = self.prepared is not None and \
            formats.has_confidential(self.prepared.document)
        for button in (self.public, self.full):
            button.setEnabled(choosing and (confidential or self.prepared is None))
        self.outstanding.setEnabled(choosing and
                                    self.format.currentData() in formats.ACTION_FORMATS)
        self.export_button.setEnabled(choosing and self.prepared is not None)

    def _show_notes(self, prepared: formats.PreparedExport) -> None:
        notes = []
        if prepared.draft:
            notes.append("These minutes are not approved: the export is a DRAFT and says so "
                         "on every page.")
        if not formats.has_confidential(prepared.document):
            notes.append("No item is confidential: the public and full versions are the same.")
        self.note.setText(" ".join(notes))

    def _preview(self, prepared: formats.PreparedExport) -> None:
        request = prepared.request
        kind = "html" if request.fmt in HTML_PREVIEWS else request.fmt
        key = (kind, request.style, prepared.public, request.outstanding)
        if key == self._shown_preview:
            return  # Word, PDF and web page look alike: no need to lay it out again
        if key not in self._previews:
            self._previews[key] = formats.preview_html(prepared) if kind == "html" \
                else formats.text_of(prepared)
        if kind == "html":
            self.preview_html.setHtml(self._previews[key])
            self.previews.setCurrentWidget(self.preview_html)
        else:
            self.preview_text.setPlainText(self._previews[key])
            self.previews.setCurrentWidget(self.preview_text)
        self._shown_preview = key

    def _suggest_path(self, prepared: formats.PreparedExport) -> None:
        folder = Path(str(app_settings().value(FOLDER_KEY) or Path.home()))
        current = Path(self.path.text()) if self.path.text() else None
        if current is not None and current.parent.is_dir():
            folder = current.parent
        self.path.setText(str(folder / formats.suggested_name(prepared.document,
                                                             prepared.request)))

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text())
        if path:
            self.path.setText(path)

    # -- writing -----------------------------------------------------------------------
    def start(self) -> None:
        if self.prepared is None or self.writer.busy or not self.path.text().strip():
            return
        target = Path(self.path.text().strip()).expanduser()
        self.writer.start(self.prepared, target)
        self._enable_choices()
        self.progress.show()
        self.done_label.setText(f"Writing {html.escape(target.name)}\u2026")

    def _finished(self, result: publishing.ExportResult) -> None:
        self.written = result
        self._writing_ended()
        app_settings().setValue(FOLDER_KEY, str(result.path.parent))
        warnings = "".join(f"<br>{html.escape(w)}" for w in result.warnings)
        self.done_label.setText(f"Saved <b>{html.escape(result.path.name)}</b> in "
                                f"{html.escape(str(result.path.parent))}.{warnings}")
        self.open_folder.show()
        self.open_folder.setFocus()

    def _failed(self, message: str) -> None:
        self._writing_ended()
        self.done_label.setText(f"<b>Not saved:</b> {html.escape(message)}")
        self.export_button.setFocus()

    def _writing_ended(self) -> None:
        self.progress.hide()
        self._enable_choices()

    def _open_folder(self) -> None:
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written.path.parent)))


def open_styles_folder() -> Path:
    """Show the user's house styles folder; the first time, put editable copies of the
    built-in styles in it, so there is something to start from."""
    folder = paths.user_styles_dir()
    if not folder.exists():
        copy_builtin_styles(folder)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
    return folder


def copy_builtin_styles(folder: Path) -> None:
    paths.ensure_private_dir(folder)
    for name, source in style_folders().items():
        target = folder / f"my-{name}"
        if not target.exists():
            shutil.copytree(source, target)
            style_file = target / "style.toml"
            text = style_file.read_text(encoding="utf-8")
            style_file.write_text(text.replace('title = "', 'title = "My ', 1), encoding="utf-8")

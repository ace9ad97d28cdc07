"""File > Export: format, house style, public or full version, a preview, and the file.

What is read from the book is read here on the GUI thread (``publish.prepare``);
writing Word and text files runs on a worker thread. A PDF is drawn with Qt's text
layout and PDF engine, which are only promised to work on the GUI thread, so it is
written here with a busy indicator (a 100-item meeting takes about a second).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QUrl, Signal
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
from minute_taker.export import publish
from minute_taker.export.styles import read_style, style_folders
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.settings import app_settings

FOLDER_KEY = "export/folder"


class _Signals(QObject):
    done = Signal(object)  # ExportResult
    failed = Signal(str)


class _WriteJob(QRunnable):
    """Writes a prepared export; touches no widget and no database."""

    def __init__(self, prepared: publish.PreparedExport, path: Path) -> None:
        super().__init__()
        self.prepared, self.path, self.signals = prepared, path, _Signals()

    def run(self) -> None:
        try:
            result = publish.write(self.prepared, self.path)
        except (OSError, MinuteTakerError) as exc:
            self.signals.failed.emit(str(getattr(exc, "strerror", None) or exc))
            return
        self.signals.done.emit(result)


class ExportDialog(QDialog):
    def __init__(self, context: MeetingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        self.context = context
        assert context.meeting_id is not None
        self.meeting_id: int = context.meeting_id
        self.prepared: publish.PreparedExport | None = None
        self.result: publish.ExportResult | None = None
        self._jobs: list[_WriteJob] = []

        self.format = QComboBox(self, objectName="exportFormat")
        for key, (label, extension) in publish.FORMATS.items():
            self.format.addItem(f"{label} ({extension})", key)
        self.style = QComboBox(self, objectName="exportStyle")
        self.style.addItem("The committee's own style", None)
        for name, folder in style_folders(paths.user_styles_dir()).items():
            try:
                self.style.addItem(read_style(folder).title + f" ({name})", name)
            except MinuteTakerError:
                continue
        self.public = QRadioButton("&Public version: confidential items withheld", self,
                                   objectName="exportPublic")
        self.full = QRadioButton("F&ull version, marked Not for publication", self,
                                 objectName="exportFull")
        self.version = QButtonGroup(self)
        for button in (self.public, self.full):
            self.version.addButton(button)
        self.outstanding = QCheckBox("All the committee's &outstanding actions", self,
                                     objectName="exportOutstanding")
        self.note = QLabel(self, objectName="exportNote", wordWrap=True)
        self.path = QLineEdit(self, objectName="exportPath")
        browse = QPushButton("&Browse\u2026", self)
        browse.clicked.connect(self.browse)
        self.preview_html = QTextBrowser(self, objectName="exportPreview")
        self.preview_html.setOpenLinks(False)  # a paper's link must not replace the preview
        self.preview_text = QPlainTextEdit(self, readOnly=True, objectName="exportPreviewText")
        self.previews = QStackedWidget(self)
        self.previews.addWidget(self.preview_html)
        self.previews.addWidget(self.preview_text)
        self.progress = QProgressBar(self, objectName="exportProgress", maximum=0)
        self.progress.hide()
        self.done_label = QLabel(self, objectName="exportDone", wordWrap=True)
        self.open_folder = QPushButton("Open containing &folder", self,
                                       objectName="exportOpenFolder")
        self.open_folder.clicked.connect(self._open_folder)
        self.open_folder.hide()
        self.export_button = QPushButton("&Export", self, objectName="exportButton",
                                         default=True)
        self.export_button.clicked.connect(self.start)
        close = QPushButton("Close", self)
        close.clicked.connect(self.reject)
        self._layout(browse, close)
        for signal in (self.format.currentIndexChanged, self.style.currentIndexChanged,
                       self.version.buttonClicked, self.outstanding.toggled):
            signal.connect(lambda *_: self.refresh())
        self.resize(1100, 760)
        self.refresh()

    def _layout(self, browse: QPushButton, close: QPushButton) -> None:
        form = QFormLayout()
        form.addRow("F&ormat", self.format)
        form.addRow("&Style", self.style)
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
        holder.setFixedWidth(400)
        layout = QHBoxLayout(self)
        layout.addWidget(holder)
        layout.addWidget(self.previews, 1)

    # -- choices -----------------------------------------------------------------------
    def request(self) -> publish.ExportRequest:
        checked = self.version.checkedButton()
        public = None if checked is None else checked is self.public
        fmt = self.format.currentData()
        return publish.ExportRequest(
            meeting_id=self.meeting_id, fmt=fmt, public=public,
            style=self.style.currentData(),
            outstanding=fmt in publish.ACTION_FORMATS and self.outstanding.isChecked())

    def refresh(self) -> None:
        """Re-read and preview; say what stops the export, if anything."""
        fmt = self.format.currentData()
        self.outstanding.setEnabled(fmt in publish.ACTION_FORMATS)
        self.result = None
        self.done_label.clear()
        self.open_folder.hide()
        try:
            self.prepared = publish.prepare(self.context.book, self.request(),
                                            user_styles=paths.user_styles_dir())
        except MinuteTakerError as exc:
            self.prepared = None
            self.note.setText(f"<b>{exc}</b>")
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(True)
        self._show_notes(self.prepared)
        self._preview(self.prepared)
        self._suggest_path(self.prepared)

    def _show_notes(self, prepared: publish.PreparedExport) -> None:
        notes = []
        if prepared.draft:
            notes.append("These minutes are not approved: the export is a DRAFT and says so "
                         "on every page.")
        confidential = publish.has_confidential(prepared.document)
        if not confidential:
            notes.append("No item is confidential: the public and full versions are the same.")
        for button in (self.public, self.full):
            button.setEnabled(confidential)
        self.note.setText(" ".join(notes))

    def _preview(self, prepared: publish.PreparedExport) -> None:
        if prepared.request.fmt in ("docx", "pdf", "html"):
            self.preview_html.setHtml(publish.preview_html(prepared))
            self.previews.setCurrentWidget(self.preview_html)
        else:
            self.preview_text.setPlainText(publish.text_of(prepared))
            self.previews.setCurrentWidget(self.preview_text)

    def _suggest_path(self, prepared: publish.PreparedExport) -> None:
        folder = Path(str(app_settings().value(FOLDER_KEY) or Path.home()))
        current = Path(self.path.text()) if self.path.text() else None
        if current is not None and current.parent.is_dir():
            folder = current.parent
        self.path.setText(str(folder / publish.suggested_name(prepared.document,
                                                             prepared.request)))

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text())
        if path:
            self.path.setText(path)

    # -- writing -----------------------------------------------------------------------
    def start(self) -> None:
        if self.prepared is None or not self.path.text().strip():
            return
        target = Path(self.path.text().strip()).expanduser()
        self.export_button.setEnabled(False)
        self.progress.show()
        self.done_label.setText("Writing\u2026")
        if self.prepared.request.fmt == "pdf":
            self.setCursor(Qt.CursorShape.BusyCursor)
            try:
                self._finished(publish.write(self.prepared, target))
            except (OSError, MinuteTakerError) as exc:
                self._failed(str(getattr(exc, "strerror", None) or exc))
            finally:
                self.unsetCursor()
            return
        job = _WriteJob(self.prepared, target)
        job.signals.done.connect(self._finished)
        job.signals.failed.connect(self._failed)
        self._jobs.append(job)
        QThreadPool.globalInstance().start(job)

    def _finished(self, result: publish.ExportResult) -> None:
        self.result = result
        self._jobs.clear()
        self.progress.hide()
        self.export_button.setEnabled(True)
        app_settings().setValue(FOLDER_KEY, str(result.path.parent))
        self.done_label.setText(f"Saved <b>{result.path.name}</b> in {result.path.parent}.")
        self.open_folder.show()
        self.open_folder.setFocus()

    def _failed(self, message: str) -> None:
        self._jobs.clear()
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.done_label.setText(f"<b>Not saved:</b> {message}")

    def _open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path.parent)))


def open_styles_folder() -> Path:
    """Show the user's house styles folder; the first time, put editable copies of the
    built-in styles in it, so there is something to start from."""
    folder = paths.user_styles_dir()
    if not folder.exists():
        copy_builtin_styles(folder)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
    return folder


def copy_builtin_styles(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in style_folders().items():
        target = folder / f"my-{name}"
        if not target.exists():
            shutil.copytree(source, target)
            style_file = target / "style.toml"
            text = style_file.read_text(encoding="utf-8")
            style_file.write_text(text.replace('title = "', 'title = "My ', 1), encoding="utf-8")

"""File > Export never blocks or crashes the window: options toggled many times, the file
written on a worker thread behind a moving busy bar, and the dialog closed mid-write."""

from __future__ import annotations

import gc
import logging
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from ui_keys import key

from minute_taker import paths
from minute_taker.export import formats
from minute_taker.services import interchange, publishing
from minute_taker.store.book import MinuteBook
from minute_taker.ui.publish import export_worker
from minute_taker.ui.publish.export_dialog import ExportDialog, copy_builtin_styles

ROUNDS = 30
WAIT_MS = 20000


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    """The sample meeting (a confidential item, dated actions) and the user's own copies
    of the built-in house styles, so that every choice in the dialog has alternatives."""
    path = tmp_path / "panel.minutebook"
    with MinuteBook.open(path, actor="Jackie Irvin") as book:
        interchange.load_demo(book)
    copy_builtin_styles(paths.user_styles_dir())
    return path


@pytest.fixture
def dialog(qtbot, open_window, demo_path: Path):  # type: ignore[no-untyped-def]
    window = open_window(demo_path)
    dialog = ExportDialog(window.context, window)  # the window owns it, as in the app
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


class Gate:
    """Stands in for ``publishing.write`` on the worker thread and holds it until opened."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.entered, self.opened = threading.Event(), threading.Event()
        self.fail = fail
        self.real_write = publishing.write

    def __call__(self, prepared: formats.PreparedExport, path: Path) -> publishing.ExportResult:
        assert threading.current_thread() is not threading.main_thread()
        self.entered.set()
        assert self.opened.wait(WAIT_MS / 1000), "the test never opened the gate"
        if self.fail is not None:
            raise self.fail
        return self.real_write(prepared, path)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Gate]]:
    made: list[Gate] = []

    def make(fail: Exception | None = None) -> Gate:
        made.append(Gate(fail))
        monkeypatch.setattr(publishing, "write", made[-1])
        return made[-1]

    yield make
    for each in made:
        each.opened.set()  # never leave a worker waiting when a test fails


@pytest.fixture
def relayed(qtbot) -> Iterator[list[object]]:  # type: ignore[no-untyped-def]
    """What every export job reported, whether or not its dialog still exists."""
    seen: list[object] = []

    def written(number: int, result: object) -> None:
        seen.append(result)

    def failed(number: int, message: str) -> None:
        seen.append(message)

    relay = export_worker._the_relay()
    relay.written.connect(written)
    relay.failed.connect(failed)
    yield seen
    relay.written.disconnect(written)
    relay.failed.disconnect(failed)


@pytest.fixture
def ticks() -> Iterator[list[int]]:
    """A 10 ms timer on the GUI thread: its count grows only while that thread is free."""
    count = [0]
    timer = QTimer()
    timer.timeout.connect(lambda: count.__setitem__(0, count[0] + 1))
    timer.start(10)
    yield count
    timer.stop()


def next_item(qtbot, combo) -> None:  # type: ignore[no-untyped-def]
    """The next entry of a combo box by keyboard, back to the first after the last."""
    combo.setFocus()
    key(qtbot, combo, "Home" if combo.currentIndex() == combo.count() - 1 else "Down")


def test_every_choice_toggled_thirty_times_then_exported(  # type: ignore[no-untyped-def]
        qtbot, dialog: ExportDialog, ticks: list[int], tmp_path: Path, monkeypatch) -> None:
    prepared: list[formats.ExportRequest] = []
    real_prepare = publishing.prepare

    def counting_prepare(book, request, **kwargs):  # type: ignore[no-untyped-def]
        prepared.append(request)
        return real_prepare(book, request, **kwargs)

    monkeypatch.setattr(publishing, "prepare", counting_prepare)
    assert dialog.style_choice.count() >= 3 and dialog.format.count() == len(formats.FORMATS)
    for round_ in range(ROUNDS):
        next_item(qtbot, dialog.format)
        if round_ % 3 == 0:
            next_item(qtbot, dialog.style_choice)
        if dialog.public.isEnabled():
            button = dialog.full if round_ % 2 else dialog.public
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            assert button.isChecked()
        if dialog.outstanding.isEnabled():
            qtbot.mouseClick(dialog.outstanding, Qt.MouseButton.LeftButton)
        gc.collect()  # the reported crash happened while the collector ran

        fmt = dialog.format.currentData()
        assert dialog.request().fmt == fmt
        if dialog.prepared is None:
            assert dialog.note.text().startswith("<b>") and not dialog.export_button.isEnabled()
        else:
            assert dialog.prepared.request == dialog.request()
            assert dialog.export_button.isEnabled()
            html_preview = fmt in ("docx", "pdf", "html")
            shown = dialog.previews.currentWidget()
            assert shown is (dialog.preview_html if html_preview else dialog.preview_text)
    # Each choice is read from the book once, however often the user comes back to it.
    assert len(prepared) == len(set(prepared)) < 3 * ROUNDS

    dialog.format.setFocus()
    key(qtbot, dialog.format, "Home")
    qtbot.mouseClick(dialog.public, Qt.MouseButton.LeftButton)
    target = tmp_path / "out" / "minutes.docx"
    dialog.path.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=WAIT_MS)

    assert zipfile.is_zipfile(target) and dialog.written.path == target
    assert "Saved" in dialog.done_label.text() and dialog.progress.isHidden()
    start = ticks[0]
    qtbot.waitUntil(lambda: ticks[0] >= start + 3, timeout=WAIT_MS)  # the loop is running
    key(qtbot, dialog, "Escape")
    assert not dialog.isVisible() and dialog.parentWidget().isVisible()


def test_the_window_keeps_working_while_the_file_is_written(  # type: ignore[no-untyped-def]
        qtbot, dialog: ExportDialog, gate, ticks: list[int], tmp_path: Path) -> None:
    held = gate()
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.public.click()
    target = tmp_path / "minutes.pdf"
    dialog.path.setText(str(target))

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT_MS)

    assert dialog.progress.isVisible() and dialog.progress.maximum() == 0  # a busy bar
    assert "Writing minutes.pdf" in dialog.done_label.text()
    for choice in (dialog.format, dialog.style_choice, dialog.public, dialog.path,
                   dialog.export_button):
        assert not choice.isEnabled()
    start = ticks[0]
    qtbot.waitUntil(lambda: ticks[0] >= start + 10, timeout=WAIT_MS)
    first: QImage = dialog.progress.grab().toImage()
    qtbot.waitUntil(lambda: dialog.progress.grab().toImage() != first, timeout=WAIT_MS)
    assert not target.exists()

    held.opened.set()
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=WAIT_MS)
    assert target.read_bytes().startswith(b"%PDF-")
    assert dialog.progress.isHidden() and dialog.export_button.isEnabled()
    assert dialog.format.isEnabled() and dialog.public.isEnabled()


@pytest.mark.parametrize("ending", ["written", "refused"])
def test_closing_the_dialog_while_the_file_is_written(  # type: ignore[no-untyped-def]
        qtbot, dialog: ExportDialog, gate, relayed: list[object], ticks: list[int],
        tmp_path: Path, ending: str) -> None:
    held = gate(OSError(28, "No space left on device") if ending == "refused" else None)
    window = dialog.parentWidget()
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    dialog.full.click()
    target = tmp_path / "minutes.docx"
    dialog.path.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT_MS)

    key(qtbot, dialog, "Escape")
    with qtbot.waitSignal(dialog.destroyed, timeout=WAIT_MS):
        dialog.deleteLater()
    held.opened.set()
    qtbot.waitUntil(lambda: len(relayed) == 1, timeout=WAIT_MS)
    start = ticks[0]
    qtbot.waitUntil(lambda: ticks[0] >= start + 5, timeout=WAIT_MS)  # the queue is drained

    assert window.isVisible()
    if ending == "written":
        assert zipfile.is_zipfile(target)
    else:
        assert relayed == ["No space left on device"] and not target.exists()


def test_an_unexpected_error_in_the_writer_is_reported_not_raised(  # type: ignore[no-untyped-def]
        qtbot, dialog: ExportDialog, gate, tmp_path: Path, caplog) -> None:
    held = gate(ValueError("a bug in a writer"))
    held.opened.set()
    dialog.format.setCurrentIndex(dialog.format.findData("txt"))
    dialog.public.click()
    dialog.path.setText(str(tmp_path / "minutes.txt"))
    with caplog.at_level(logging.ERROR, logger="minute_taker.ui.publish.export_worker"):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Not saved" in dialog.done_label.text(), timeout=WAIT_MS)
    assert "unexpected error" in dialog.done_label.text() and dialog.written is None
    assert "a bug in a writer" in caplog.text
    assert dialog.export_button.isEnabled() and dialog.progress.isHidden()

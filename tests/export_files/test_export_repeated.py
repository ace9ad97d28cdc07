"""Exporting again and again in one process, with the cyclic garbage collector on.

A segfault during garbage collection was reported on the 2nd to 5th export of the
100-item benchmark meeting in one process; the export dialog prepares again on every
change of option, so a user toggling options would have met it. These tests export
and prepare many times with explicit collections in between, in this process and, with
the spelling dictionary loading on a worker thread as it does in the app, in a fresh one.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from minute_taker.export import publish
from minute_taker.services import interchange
from minute_taker.store.book import MinuteBook

ROUNDS = 30
BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    assert gc.isenabled(), "something turned the garbage collector off"
    if not was_enabled:
        gc.disable()


@pytest.fixture
def demo_book(tmp_path: Path) -> Iterator[tuple[MinuteBook, int]]:
    """The sample meeting: a confidential item, and actions with and without due dates."""
    with MinuteBook.open(tmp_path / "demo.minutebook", actor="Test Clerk") as book:
        yield book, interchange.load_demo(book)


def big_meeting_book(folder: Path) -> Path:
    """The benchmarks' 100-item meeting (each item with findings, a decision, two actions)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from open_bench import _another_meeting
    finally:
        sys.path.remove(str(BENCHMARKS))
    path = folder / "big.minutebook"
    with MinuteBook.open(path, actor="Test Clerk") as book:
        interchange.import_meeting(book, _another_meeting())
    return path


def check_written(path: Path, fmt: str) -> None:
    data = path.read_bytes()
    if fmt == "docx":
        assert zipfile.is_zipfile(path)
    elif fmt == "pdf":
        assert data.startswith(b"%PDF-")
    elif fmt == "ics":
        assert data.startswith(b"BEGIN:VCALENDAR")
    else:
        assert data.strip()


def test_every_format_thirty_times_in_one_process(qapp, demo_book, collector_on,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    # qapp: the PDF writer of the time may need a QGuiApplication; a QApplication made
    # first keeps the rest of the session's widget tests possible.
    book, meeting_id = demo_book
    for round_ in range(ROUNDS):
        for fmt, (_label, extension) in publish.FORMATS.items():
            target = tmp_path / f"minutes{extension}"
            request = publish.ExportRequest(meeting_id, fmt, public=round_ % 2 == 0,
                                            outstanding=fmt in publish.ACTION_FORMATS
                                            and round_ % 3 == 0)
            result = publish.export(book, request, target)
            assert result.path == target
            check_written(target, fmt)
        gc.collect()


def test_the_100_item_meeting_read_and_prepared_thirty_times(collector_on,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    with MinuteBook.open(big_meeting_book(tmp_path), actor="Test Clerk") as book:
        formats = list(publish.FORMATS)
        first = interchange.export_meeting(book, 1)
        for round_ in range(ROUNDS):
            document = interchange.export_meeting(book, 1)
            assert len(document["items"]) == 100 and document["items"] == first["items"]
            fmt = formats[round_ % len(formats)]
            prepared = publish.prepare(book, publish.ExportRequest(1, fmt, public=True))
            assert len(prepared.document["items"]) == 100
            gc.collect()
        publish.export(book, publish.ExportRequest(1, "ics", public=True),
                       tmp_path / "actions.ics")
        check_written(tmp_path / "actions.ics", "ics")


def test_preparing_while_the_dictionary_loads_on_a_worker(tmp_path: Path) -> None:
    """As in the app: the spelling dictionary loads on Qt's thread pool (pausing and
    freezing the collector) while the GUI thread reads the book; a fresh process, so
    a crash is a failed test rather than the end of the session."""
    book = big_meeting_book(tmp_path)
    script = textwrap.dedent(f"""
        import gc
        from PySide6.QtCore import QRunnable, QThreadPool
        from PySide6.QtWidgets import QApplication
        from minute_taker.export import publish
        from minute_taker.services.spelling import load_british_engine
        from minute_taker.store.book import MinuteBook

        app = QApplication(["test", "-platform", "offscreen"])
        loaded = []

        class Load(QRunnable):
            def run(self):
                loaded.append(load_british_engine())

        QThreadPool.globalInstance().start(Load())
        with MinuteBook.open({str(book)!r}, actor="Test Clerk") as book:
            for round_ in range({ROUNDS}):
                fmt = list(publish.FORMATS)[round_ % len(publish.FORMATS)]
                publish.prepare(book, publish.ExportRequest(1, fmt, public=True))
                app.processEvents()
                gc.collect()
        QThreadPool.globalInstance().waitForDone()
        assert loaded and gc.isenabled()
        print("done")
    """)
    finished = subprocess.run([sys.executable, "-X", "faulthandler", "-c", script],
                              capture_output=True, text=True, timeout=300, check=False)
    assert finished.returncode == 0 and "done" in finished.stdout, finished.stderr[-3000:]

"""Exporting again and again in one process, with the cyclic garbage collector on.

A segfault during garbage collection was reported on the 2nd to 5th export of the
100-item benchmark meeting in one process. It needs a second thread running Python (the
spelling dictionary loading, an export being written) while the GUI thread reads the
book: every read left the rows it loaded in a reference cycle, so SQLAlchemy's weakref
clean-up of those rows ran inside a later collection, and on CPython 3.11 a collection
starts at whatever allocation crosses the threshold, in whichever thread, which is where
it corrupted a dictionary. These tests export and prepare many times, check that a read
leaves nothing for the collector, and repeat the threaded case in a fresh process.
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

from minute_taker.export import formats
from minute_taker.services import interchange, publishing
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Base

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


def test_every_format_thirty_times_in_one_process(demo_book, collector_on,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    book, meeting_id = demo_book
    for round_ in range(ROUNDS):
        for fmt, (_label, extension) in formats.FORMATS.items():
            target = tmp_path / f"minutes{extension}"
            request = formats.ExportRequest(meeting_id, fmt, public=round_ % 2 == 0,
                                            outstanding=fmt in formats.ACTION_FORMATS
                                            and round_ % 3 == 0)
            result = publishing.export(book, request, target)
            assert result.path == target
            check_written(target, fmt)
        gc.collect()


def test_the_100_item_meeting_read_and_prepared_thirty_times(collector_on,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    with MinuteBook.open(big_meeting_book(tmp_path), actor="Test Clerk") as book:
        every_format = list(formats.FORMATS)
        first = interchange.export_meeting(book, 1)
        for round_ in range(ROUNDS):
            document = interchange.export_meeting(book, 1)
            assert len(document["items"]) == 100 and document["items"] == first["items"]
            fmt = every_format[round_ % len(every_format)]
            prepared = publishing.prepare(book, formats.ExportRequest(1, fmt, public=True))
            assert len(prepared.document["items"]) == 100
            gc.collect()
        publishing.export(book, formats.ExportRequest(1, "ics", public=True),
                          tmp_path / "actions.ics")
        check_written(tmp_path / "actions.ics", "ics")


def orm_rows_left_for_the_collector(book: MinuteBook, meeting_id: int) -> int:
    """How many rows read by ``publishing.prepare`` outlive it, waiting for the collector."""
    gc.collect()
    gc.disable()
    try:
        publishing.prepare(book, formats.ExportRequest(meeting_id, "docx", public=True))
        return sum(isinstance(thing, Base) for thing in gc.get_objects())
    finally:
        gc.enable()


def test_reading_a_meeting_leaves_nothing_for_the_collector(demo_book) -> None:  # type: ignore[no-untyped-def]
    """Rows freed by the collector have SQLAlchemy's weakref clean-up run inside the
    collection; on CPython 3.11 a collection starts at whatever allocation crosses the
    threshold, in whichever thread, and that clean-up there corrupted a dictionary
    (the reported segfault). Freed when the read returns, they never meet the collector."""
    assert orm_rows_left_for_the_collector(*demo_book) == 0


def test_preparing_while_the_dictionary_loads_on_a_worker(tmp_path: Path) -> None:
    """As in the app: the spelling dictionary loads, and is used, on Qt's thread pool
    while the GUI thread reads the 100-item meeting, with no collection forced in between
    (forcing one hid the crash). A fresh process, so a crash fails this test rather than
    ending the session. Before the fix it crashed in about one run in four here."""
    book = big_meeting_book(tmp_path)
    with MinuteBook.open(book, actor="Test Clerk") as opened:
        assert orm_rows_left_for_the_collector(opened, 1) == 0
    script = textwrap.dedent(f"""
        import gc, os
        from PySide6.QtCore import QRunnable, QThreadPool
        from PySide6.QtWidgets import QApplication
        from minute_taker.export import formats
        from minute_taker.services import publishing
        from minute_taker.services.spelling import load_british_engine
        from minute_taker.store.book import MinuteBook

        if hasattr(os, "sched_setaffinity"):  # one core: the threads interleave more
            os.sched_setaffinity(0, {{sorted(os.sched_getaffinity(0))[0]}})
        app = QApplication(["test", "-platform", "offscreen"])
        loaded, stop = [], []

        class Load(QRunnable):
            def run(self):
                engine = load_british_engine()
                loaded.append(engine)
                while not stop:  # and in use, while the GUI thread reads the book
                    list(engine.suggest("recieve"))

        QThreadPool.globalInstance().start(Load())
        with MinuteBook.open({str(book)!r}, actor="Test Clerk") as book:
            for round_ in range({ROUNDS}):
                fmt = list(formats.FORMATS)[round_ % len(formats.FORMATS)]
                publishing.prepare(book, formats.ExportRequest(1, fmt, public=True))
                app.processEvents()
        stop.append(True)
        QThreadPool.globalInstance().waitForDone()
        assert loaded and gc.isenabled()
        print("done")
    """)
    finished = subprocess.run([sys.executable, "-X", "faulthandler", "-c", script],
                              capture_output=True, text=True, timeout=300, check=False)
    assert finished.returncode == 0 and "done" in finished.stdout, finished.stderr[-3000:]

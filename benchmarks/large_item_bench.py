"""Large items: what one autosave and one switch into an item cost at 0.25, 0.5, 1 and
2 MB of notes (the limit, minute_taker.domain.limits.NOTES_LIMIT_BYTES, is 1 MB), beside
the least the same jobs can cost: QTextDocument.setHtml of the text for the switch and a
raw sqlite3 UPDATE of the row for the save.

The save is the app's own write after one typed word (the document turned into the
stored subset, sanitised, written); the switch is selecting the item in the real window
after another one, with its document already open (what returning to an item costs)."""

import contextlib
import datetime as dt
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SUPPORT = HERE.parent / "tests" / "reliability"
SIZES = (250_000, 500_000, 1_000_000, 2_000_000)


def _ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def _one_size(app: Any, folder: Path, size: int, runs: int) -> dict[str, Any]:
    from large_notes import notes_of_size
    from PySide6.QtGui import QTextDocument
    from PySide6.QtTest import QTest

    from minute_taker.services import agenda, committees, meetings
    from minute_taker.store.book import MinuteBook
    from minute_taker.ui.main_window import MainWindow

    notes = notes_of_size(size)
    path = folder / f"large{size}.minutebook"
    with MinuteBook.open(path, actor="bench") as book:
        committee = committees.create_committee(book, "Panel", standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, "Bench", dt.date(2026, 1, 1))
        large = agenda.add_item(book, meeting.id, "Large").id
        small = agenda.add_item(book, meeting.id, "Small").id
        agenda.set_item_minutes(book, large, notes)
    window = MainWindow(MinuteBook.open(path, actor="bench"))
    window.show()
    samples: dict[str, list[float]] = {"save": [], "switch": [], "bare_save": [],
                                       "bare_switch": []}
    with contextlib.closing(sqlite3.connect(folder / f"bare{size}.sqlite3",
                                            isolation_level=None)) as bare:
        bare.execute("PRAGMA journal_mode=WAL")
        bare.execute("PRAGMA synchronous=FULL")
        bare.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, html TEXT NOT NULL)")
        bare.execute("INSERT INTO notes VALUES (1, ?)", (notes,))
        window.agenda.select(large)
        for run in range(runs):
            QTest.keyClicks(window.notes.editor, f"word{run} ")
            start = time.perf_counter()
            window.context.autosave.flush()
            samples["save"].append(time.perf_counter() - start)
            start = time.perf_counter()
            bare.execute("UPDATE notes SET html = ? WHERE id = 1", (f"{notes}<p>{run}</p>",))
            samples["bare_save"].append(time.perf_counter() - start)
            window.agenda.select(small)
            app.processEvents()
            start = time.perf_counter()
            window.agenda.select(large)
            app.processEvents()
            samples["switch"].append(time.perf_counter() - start)
            document = QTextDocument()
            start = time.perf_counter()
            document.setHtml(notes)
            samples["bare_switch"].append(time.perf_counter() - start)
    window.context.autosave.flush()
    window.close()
    window.deleteLater()
    app.processEvents()
    medians = {name: _ms(times) for name, times in samples.items()}
    return {"bytes": len(notes.encode()), **{f"{k}_ms": v for k, v in medians.items()},
            "save_ratio": round(medians["save"] / medians["bare_save"], 1),
            "switch_ratio": round(medians["switch"] / medians["bare_switch"], 1),
            "samples": runs}


def bench_large_item(runs: int = 3) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if str(SUPPORT) not in sys.path:
        sys.path.insert(0, str(SUPPORT))
    from minute_taker.domain.limits import NOTES_LIMIT_BYTES
    from minute_taker.ui.app import make_application

    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("MINUTE_TAKER_HOME", str(Path(folder) / "home"))
        app = make_application(sys.argv[:1])
        result: dict[str, Any] = {"limit_bytes": NOTES_LIMIT_BYTES,
                                  "baseline": "QTextDocument.setHtml for a switch; sqlite3 "
                                              "UPDATE, WAL, synchronous=FULL for a save"}
        for size in SIZES:
            figures = _one_size(app, Path(folder), size, runs)
            result[f"{size // 1000}KB"] = figures
            print(f"large_item: {size // 1000} KB: save {figures['save_ms']} ms "
                  f"(bare {figures['bare_save_ms']}), switch {figures['switch_ms']} ms "
                  f"(bare {figures['bare_switch_ms']})", file=sys.stderr, flush=True)
    return result


if __name__ == "__main__":
    import json

    print(json.dumps(bench_large_item(), indent=2))

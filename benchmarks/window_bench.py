"""The window at meeting sizes, and typing into large items.

Opening: a meeting of 10, 100, 300 and 1,000 items in
the real window (agenda, notes, actions, header: everything the clerk sees ready), beside
the least the same screen can cost in bare Qt: a QTreeView over a QStandardItemModel of
the items, a QTableView over one of the actions, and a QTextEdit showing the first
item's notes, filled from an sqlite3 read of the same rows.

Each item has a paragraph of notes and one action with an owner, as a long agenda of
short items has. Opening is timed from asking for the meeting until the window has
processed its events (painted offscreen).

Typing: a clerk typing at 10 keys a second at the end of an item of 20,000 and of
100,000 words, with autosave and spell-check running, as in a meeting. Each key is due
at its moment; its latency is from then until the window has handled it, so a key that
arrives while an autosave holds the GUI thread waits for it, as it would under a clerk's
fingers. The baseline is a bare QTextEdit showing the same text, typed the same way.

Autosave: the GUI thread's share of one autosave of the item after a key (taking the words
from the document; the worker writes them), beside a raw sqlite3 UPDATE of the same notes
in a WAL file with synchronous=FULL, the least a durable write of them costs.

Switching back: from a short item to the large one just typed into, its caret at the
end, until the window has handled its events; beside a bare QTextEdit of the same size
given the same document again with the caret at its end (Qt lays the document out again
for an editor it is given to, down to the caret).

Memory: the peak resident size of a process that shows the 300-item meeting in the
window with the dictionary loaded, beside one that shows the same rows in bare Qt views
(each in a child process of its own; Linux and macOS)."""

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

SIZES = (10, 100, 300, 1000)


def _ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def make_book(path: Path, items: int) -> tuple[int, int]:
    """A book with a small meeting and one of ``items`` items; their ids."""
    from minute_taker.services import actions, agenda, committees, meetings, people
    from minute_taker.store.book import MinuteBook

    with MinuteBook.open(path, actor="bench") as book:
        committee = committees.create_committee(book, "Panel", standing_items=[])
        dcc = people.create_person(book, "Amanda Blakeman", abbreviation="DCC").id
        small = meetings.create_meeting(book, committee.id, "Small", dt.date(2026, 1, 1)).id
        agenda.add_item(book, small, "Only item")
        large = meetings.create_meeting(book, committee.id, "Large", dt.date(2026, 2, 1)).id
        for n in range(items):
            item = agenda.add_item(book, large, f"Item {n} on the force's performance").id
            agenda.set_item_minutes(book, item, f"<p>The DCC reported on matter {n}; members "
                                                "asked about the figures.</p>")
            actions.capture_action(book, large, f"Report back on matter {n}",
                                   owner_ids=[dcc], item_id=item)
    return small, large


def _bare(rows: list[tuple[str, str]], actions: list[tuple[str, str]], notes: str) -> Any:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QHBoxLayout, QTableView, QTextEdit, QTreeView, QWidget

    window = QWidget()
    tree, table, editor = QTreeView(window), QTableView(window), QTextEdit(window)
    model = QStandardItemModel(window)
    for number, title in rows:
        model.appendRow([QStandardItem(number), QStandardItem(title)])
    tree.setModel(model)
    acts = QStandardItemModel(window)
    for text, owner in actions:
        acts.appendRow([QStandardItem(text), QStandardItem(owner)])
    table.setModel(acts)
    editor.setHtml(notes)
    layout = QHBoxLayout(window)
    for widget in (tree, editor, table):
        layout.addWidget(widget)
    window.resize(1600, 1000)
    window.show()
    return window


def _one_size(app: Any, folder: Path, items: int, runs: int) -> dict[str, Any]:
    from minute_taker.store.book import MinuteBook
    from minute_taker.ui.main_window import MainWindow

    path = folder / f"items{items}.minutebook"
    small, large = make_book(path, items)
    window = MainWindow(MinuteBook.open(path, actor="bench"))
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    samples: dict[str, list[float]] = {"open": [], "bare_open": []}
    for _ in range(runs):
        window.context.open_meeting(small)
        app.processEvents()
        start = time.perf_counter()
        window.context.open_meeting(large)
        app.processEvents()
        samples["open"].append(time.perf_counter() - start)

        start = time.perf_counter()
        with contextlib.closing(sqlite3.connect(path)) as db:
            rows = db.execute("SELECT id, title FROM agenda_item WHERE meeting_id = ? "
                              "ORDER BY position", (large,)).fetchall()
            acts = db.execute("SELECT text, owner_text FROM action WHERE meeting_id = ?",
                              (large,)).fetchall()
            notes = db.execute("SELECT minutes_html FROM agenda_item WHERE id = ?",
                               (rows[0][0],)).fetchone()[0]
        bare = _bare([(str(i), t) for i, t in rows], [(t, o or "") for t, o in acts], notes)
        app.processEvents()
        samples["bare_open"].append(time.perf_counter() - start)
        bare.close()
        bare.deleteLater()
        app.processEvents()
    window.context.autosave.flush()
    window.close()
    window.deleteLater()
    app.processEvents()
    medians = {name: _ms(times) for name, times in samples.items()}
    return {**{f"{k}_ms": v for k, v in medians.items()},
            "open_ratio": round(medians["open"] / medians["bare_open"], 1), "samples": runs}


TYPED = "The members asked about the figures and the DCC agreed to report back. "
WORDS = (20_000, 100_000)
KEYS_PER_SECOND = 10


def _type(app: Any, editor: Any, keys: int) -> list[float]:
    """Latency of each key, typed at KEYS_PER_SECOND, in seconds."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtTest import QTest

    latencies = []
    start = time.perf_counter()
    for n in range(keys):
        due = start + n / KEYS_PER_SECOND
        while time.perf_counter() < due:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        QTest.keyClick(editor, TYPED[n % len(TYPED)])
        app.processEvents()
        latencies.append(time.perf_counter() - due)
    return latencies


def _typing(app: Any, folder: Path, words: int, keys: int) -> dict[str, Any]:
    from large_notes import notes_of_size
    from PySide6.QtGui import QTextCursor, QTextDocument
    from PySide6.QtWidgets import QTextEdit

    from minute_taker.services import agenda, committees, meetings
    from minute_taker.store.book import MinuteBook
    from minute_taker.ui.main_window import MainWindow

    notes = notes_of_size(words * 6)
    path = folder / f"words{words}.minutebook"
    with MinuteBook.open(path, actor="bench") as book:
        committee = committees.create_committee(book, "Panel", standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, "Bench", dt.date(2026, 1, 1))
        item = agenda.add_item(book, meeting.id, "Large").id
        agenda.set_item_minutes(book, item, notes)
        other = agenda.add_item(book, meeting.id, "Small").id
        agenda.set_item_minutes(book, other, "<p>A short item.</p>")
    window = MainWindow(MinuteBook.open(path, actor="bench"))
    window.resize(1600, 1000)
    window.show()
    window.agenda.select(item)
    editor = window.notes.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    deadline = time.perf_counter() + 60
    while not window.notes.spelling.is_ready and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.02)
    app_keys = _type(app, editor, keys)
    window.context.autosave.flush()
    autosave_gui = _autosave_on_gui_thread(app, window, editor)
    raw_update = _raw_update(folder / f"raw{words}.sqlite", notes)
    app_switch = _switch(app, lambda: window.agenda.select(other),
                         lambda: window.agenda.select(item))
    width = editor.size()
    window.close()
    window.deleteLater()
    bare = QTextEdit()
    bare.resize(width)  # the notes editor's size: the same lines to lay out
    # Documents of no parent: the editor deletes one of its own when given another.
    large, small = QTextDocument(), QTextDocument()
    large.setHtml(notes)
    small.setHtml("<p>A short item.</p>")
    bare.setDocument(large)
    bare.show()
    bare.moveCursor(QTextCursor.MoveOperation.End)
    bare_keys = _type(app, bare, keys)

    def bare_back() -> None:
        bare.setDocument(large)
        bare.setTextCursor(end_of(large))

    bare_switch = _switch(app, lambda: bare.setDocument(small), bare_back)
    bare.close()
    bare.deleteLater()
    app.processEvents()

    def stat(values: list[float], pct: float) -> float:
        ordered = sorted(values)
        return round(ordered[min(len(ordered) - 1, int(pct / 100 * len(ordered)))] * 1000, 2)

    figures = {"words": len(editor.toPlainText().split()), "keys": keys,
               "p50_ms": stat(app_keys, 50), "p99_ms": stat(app_keys, 99),
               "max_ms": stat(app_keys, 100), "bare_p50_ms": stat(bare_keys, 50),
               "bare_p99_ms": stat(bare_keys, 99)}
    figures["p50_ratio"] = round(figures["p50_ms"] / max(figures["bare_p50_ms"], 0.001), 1)
    figures["autosave_gui_thread_ms"] = _ms(autosave_gui)
    figures["autosave_gui_thread_max_ms"] = round(max(autosave_gui) * 1000, 1)
    figures["raw_update_ms"] = _ms(raw_update)
    figures["switch_back_ms"] = _ms(app_switch)
    figures["bare_switch_back_ms"] = _ms(bare_switch)
    figures["switch_ratio"] = round(figures["switch_back_ms"] / figures["bare_switch_back_ms"], 1)
    return figures


SWITCHES = 5
SAVES = 10


def _autosave_on_gui_thread(app: Any, window: Any, editor: Any) -> list[float]:
    """Seconds of the GUI thread one autosave of the item takes (the words are taken
    here, the worker writes them), a key typed before each; waits for each to land."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtTest import QTest

    scheduler = window.context.autosave
    times = []
    for _ in range(SAVES):
        QTest.keyClick(editor, "x")
        app.processEvents()
        start = time.perf_counter()
        scheduler.write_due()
        times.append(time.perf_counter() - start)
        deadline = time.perf_counter() + 30
        while scheduler.has_pending and time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return times


def _raw_update(path: Path, notes: str) -> list[float]:
    """Seconds of a raw sqlite3 UPDATE of the same notes, WAL and synchronous=FULL as the
    book: the least a durable write of them costs on this disk."""
    times = []
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, html TEXT)")
        db.execute("INSERT INTO notes VALUES (1, ?)", (notes,))
        for n in range(SAVES):
            start = time.perf_counter()
            db.execute("BEGIN")
            db.execute("UPDATE notes SET html = ? WHERE id = 1", (f"{notes}<p>{n}</p>",))
            db.execute("COMMIT")
            times.append(time.perf_counter() - start)
    return times


def _switch(app: Any, away: Any, back: Any) -> list[float]:
    """Seconds to show the large item again, with the caret where typing left it (its
    end), after another item: until the window has handled its events."""
    times = []
    for _ in range(SWITCHES):
        away()
        app.processEvents()
        start = time.perf_counter()
        back()
        app.processEvents()
        times.append(time.perf_counter() - start)
    return times


def end_of(document: Any) -> Any:
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    return cursor


_APP_RSS = """
import resource, sys, time
from minute_taker.ui.app import import_qt_free_layers, make_application
import_qt_free_layers()  # as run_gui does: past PySide6's import hook, 19 MiB less
from minute_taker.store.book import MinuteBook
from minute_taker.ui.main_window import MainWindow
app = make_application(sys.argv[:1])
window = MainWindow(MinuteBook.open(sys.argv[1], actor="bench"))
window.resize(1600, 1000)
window.show()
window.context.open_meeting(int(sys.argv[2]))
deadline = time.perf_counter() + 60
while not window.notes.spelling.is_ready and time.perf_counter() < deadline:
    app.processEvents()
    time.sleep(0.02)
app.processEvents()
print(peak_kib())
"""
_BARE_RSS = """
import resource, sqlite3, sys
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QHBoxLayout, QTableView, QTextEdit, QTreeView, QWidget
app = QApplication(sys.argv[:1])
db, meeting = sqlite3.connect(sys.argv[1]), (int(sys.argv[2]),)
rows = db.execute("SELECT id, title FROM agenda_item WHERE meeting_id = ?", meeting).fetchall()
acts = db.execute("SELECT text FROM action WHERE meeting_id = ?", meeting).fetchall()
window = QWidget()
tree, table, editor = QTreeView(window), QTableView(window), QTextEdit(window)
items, actions = QStandardItemModel(window), QStandardItemModel(window)
for number, title in rows:
    items.appendRow([QStandardItem(str(number)), QStandardItem(title)])
for (text,) in acts:
    actions.appendRow([QStandardItem(text)])
tree.setModel(items)
table.setModel(actions)
layout = QHBoxLayout(window)
for widget in (tree, editor, table):
    layout.addWidget(widget)
window.resize(1600, 1000)
window.show()
app.processEvents()
print(peak_kib())
"""
# The child's own peak. ru_maxrss keeps, across exec, the peak of the process it was
# started from, which for a child spawned by this (large) benchmark process is the
# benchmark's: both children reported the same 384 MiB. Linux has the new program's
# own peak in /proc; elsewhere ru_maxrss (bytes on macOS) is what there is.
_PEAK = """
import resource, sys
def peak_kib():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak // 1024 if sys.platform == "darwin" else peak
"""


def _peak_rss_mib(script: str, path: Path, meeting: int) -> float | None:
    """The child's peak resident size in MiB (ru_maxrss: KiB on Linux, bytes on macOS)."""
    import subprocess

    try:
        import resource  # noqa: F401  (not on Windows)
    except ImportError:
        return None
    done = subprocess.run([sys.executable, "-c", _PEAK + script, str(path), str(meeting)],
                          capture_output=True, text=True, timeout=120, check=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return round(int(done.stdout.split()[-1]) / 1024, 1)


def _memory(folder: Path) -> dict[str, Any]:
    path = folder / "rss300.minutebook"
    _small, large = make_book(path, 300)
    app_mib = _peak_rss_mib(_APP_RSS, path, large)
    bare_mib = _peak_rss_mib(_BARE_RSS, path, large)
    return {"items": 300, "app_peak_rss_mib": app_mib, "bare_peak_rss_mib": bare_mib,
            "over_bare_mib": round(app_mib - bare_mib, 1) if app_mib and bare_mib else None}


def bench_window(runs: int = 3, keys: int = 150) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from minute_taker.ui.app import make_application

    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("MINUTE_TAKER_HOME", str(Path(folder) / "home"))
        app = make_application(sys.argv[:1])
        result: dict[str, Any] = {
            "baseline": "QTreeView + QTableView + QTextEdit over QStandardItemModels filled "
                        "from an sqlite3 read of the same rows"}
        for items in SIZES:
            figures = _one_size(app, Path(folder), items, runs)
            result[f"open_{items}_items"] = figures
            print(f"window: open {items} items: {figures['open_ms']} ms "
                  f"(bare {figures['bare_open_ms']})", file=sys.stderr, flush=True)
        support = str(Path(__file__).resolve().parent.parent / "tests" / "reliability")
        if support not in sys.path:
            sys.path.insert(0, support)
        for words in WORDS:
            figures = _typing(app, Path(folder), words, keys)
            result[f"typing_{words // 1000}k_words"] = figures
            print(f"window: typing into {words} words: p50 {figures['p50_ms']} ms, p99 "
                  f"{figures['p99_ms']} ms (bare {figures['bare_p50_ms']} / "
                  f"{figures['bare_p99_ms']}); autosave on the GUI thread "
                  f"{figures['autosave_gui_thread_ms']} ms (raw UPDATE "
                  f"{figures['raw_update_ms']}); switching back {figures['switch_back_ms']} ms "
                  f"(bare {figures['bare_switch_back_ms']})", file=sys.stderr, flush=True)
        result["memory"] = memory = _memory(Path(folder))
        print(f"window: peak RSS, 300 items and the dictionary: {memory['app_peak_rss_mib']} "
              f"MiB (bare {memory['bare_peak_rss_mib']})", file=sys.stderr, flush=True)
    return result


if __name__ == "__main__":
    import json

    print(json.dumps(bench_window(), indent=2))

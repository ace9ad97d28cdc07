"""Opening a large book: ``MinuteBook.open`` (header check, revision, ``PRAGMA
quick_check`` over every page, engine and a first read) beside the least the same job
can cost, an sqlite3 connection reading the meeting count. The ratio is what the checks
that refuse a damaged file cost; ``quick_check_ms`` is that check alone."""

import contextlib
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from export_bench import big_meeting

MEETINGS = 40


def _another_meeting() -> dict[str, Any]:
    document = big_meeting()  # new item, decision and action uids
    document["meeting"]["uid"] = str(uuid.uuid4())
    # big_meeting replaces the demo's items; point what named them at one of the new ones.
    known = {item["uid"] for item in document["items"]}
    for entries, key in ((document["attendance"], "left_after_item"),
                         (document["attendance"], "arrived_at_item"),
                         (document.get("declarations", []), "item")):
        for entry in entries:
            if entry.get(key) and entry[key] not in known:
                entry[key] = document["items"][1]["uid"]
    return document


def bench_open(runs: int = 5) -> dict[str, Any]:
    from minute_taker.services import interchange
    from minute_taker.store.book import MinuteBook

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Big.minutebook"
        with MinuteBook.open(path) as book:
            for _ in range(MEETINGS):
                interchange.import_meeting(book, _another_meeting())
        size = path.stat().st_size

        def app() -> None:
            MinuteBook.open(path).close()

        def baseline() -> None:
            with contextlib.closing(sqlite3.connect(path)) as db:
                db.execute("SELECT count(*) FROM meeting").fetchone()

        def quick_check() -> None:
            with contextlib.closing(sqlite3.connect(path)) as db:
                db.execute("PRAGMA quick_check(3)").fetchall()

        samples: dict[str, list[float]] = {"app": [], "baseline": [], "quick_check": []}
        for _ in range(runs):
            for name, fn in (("app", app), ("baseline", baseline), ("quick_check", quick_check)):
                start = time.perf_counter()
                fn()
                samples[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(times) * 1000 for name, times in samples.items()}
    return {"meetings": MEETINGS, "items_per_meeting": 100, "book_kb": size // 1024,
            "app": {"median_ms": round(medians["app"], 1), "samples": runs},
            "baseline": {"median_ms": round(medians["baseline"], 2), "samples": runs,
                         "description": "sqlite3 connect and SELECT count(*) FROM meeting"},
            "quick_check_ms": round(medians["quick_check"], 1),
            "ratio": round(medians["app"] / medians["baseline"], 1)}

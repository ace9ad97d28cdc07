"""A backup of a year's book: compressed (what the app writes) beside a plain copy.

The book is a year of meetings: ``MEETINGS`` meetings of 100 items (``open_bench``'s
grown demo meeting), each item's minutes and title redrawn from the demo's own words
(seeded), so no two items repeat each other, which would flatter every compressor
eightfold. ``app`` is ``backups.make_backup`` (copy, ``quick_check``, xz, read back,
rename); the baseline is the plain copy with SQLite's backup API that the app made
before compression. Each compressor is also timed alone on the copy's bytes, with its
ratio and the time to decompress (what restoring adds)."""

import bz2
import contextlib
import gzip
import lzma
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from open_bench import _another_meeting

MEETINGS = 20  # about 5.5 MB: a year of two meetings a month and more besides


def _varied(document: dict[str, Any], rng: random.Random, words: list[str]) -> None:
    for item in document["items"]:
        prose = " ".join(rng.choice(words) for _ in range(rng.randint(60, 220)))
        point = " ".join(rng.choice(words) for _ in range(40))
        item["minutes_html"] = f"<p>{prose}</p><ul><li>{point}</li></ul>"
        item["title"] = " ".join(rng.choice(words) for _ in range(6))


def year_book(path: Path, meetings: int = MEETINGS) -> None:
    from minute_taker.services import interchange
    from minute_taker.store.book import MinuteBook

    text = re.sub(r"<[^>]+>", " ", str(interchange.demo_document()))
    words = re.findall(r"[A-Za-z\u2019']{2,}", text)
    rng = random.Random(2026)
    with MinuteBook.open(path) as book:
        for _ in range(meetings):
            document = _another_meeting()
            _varied(document, rng, words)
            interchange.import_meeting(book, document)


COMPRESSORS: dict[str, tuple[Callable[[bytes], bytes], Callable[[bytes], bytes]]] = {
    "gzip_6": (lambda b: gzip.compress(b, 6), gzip.decompress),
    "gzip_9": (lambda b: gzip.compress(b, 9), gzip.decompress),
    "xz_1": (lambda b: lzma.compress(b, preset=1), lzma.decompress),
    "xz_3": (lambda b: lzma.compress(b, preset=3), lzma.decompress),
    "xz_6": (lambda b: lzma.compress(b, preset=6), lzma.decompress),
    "bz2_9": (lambda b: bz2.compress(b, 9), bz2.decompress),
}


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 1)


def bench_backup(runs: int = 3) -> dict[str, Any]:
    import datetime as dt

    from minute_taker.store import backups

    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "Year.minutebook"
        year_book(book)
        plain = Path(folder) / "plain"
        plain.mkdir()
        counter = iter(range(10**6))

        def baseline() -> None:
            backups.copy_to_new_book(book, plain / f"{next(counter)}.minutebook")

        moment = iter(dt.datetime(2026, 1, 1) + dt.timedelta(seconds=s) for s in range(10**6))

        def app() -> None:
            backups.make_backup(book, Path(folder) / "backups", budget=None, now=next(moment))

        app_ms, base_ms = [], []
        for _ in range(runs):
            app_ms.append(_median_ms(app, 1))
            base_ms.append(_median_ms(baseline, 1))
        made = backups.list_backups(book, Path(folder) / "backups")[0]
        plain_bytes = next(plain.iterdir()).read_bytes()
        with contextlib.closing(sqlite3.connect(book)) as db:
            count = db.execute("SELECT count(*) FROM agenda_item").fetchone()[0]
        compressors = {}
        for name, (pack, unpack) in COMPRESSORS.items():
            packed = pack(plain_bytes)
            compressors[name] = {
                "kb": len(packed) // 1024,
                "ratio": round(len(plain_bytes) / len(packed), 2),
                "compress_ms": _median_ms(lambda p=pack: p(plain_bytes), runs),  # type: ignore[misc]
                "decompress_ms": _median_ms(lambda u=unpack, b=packed: u(b), runs),  # type: ignore[misc]
            }
        app_median, base_median = statistics.median(app_ms), statistics.median(base_ms)
        return {"meetings": MEETINGS, "items": count, "book_kb": book.stat().st_size // 1024,
                "app": {"median_ms": app_median, "samples": runs, "kb": made.size // 1024,
                        "description": "make_backup: copy, quick_check, xz -1, read back"},
                "baseline": {"median_ms": base_median, "samples": runs,
                             "kb": len(plain_bytes) // 1024,
                             "description": "plain copy with the SQLite backup API"},
                "ratio": round(app_median / base_median, 1) if base_median else None,
                "size_ratio": round(len(plain_bytes) / made.size, 2),
                "compressors": compressors}


if __name__ == "__main__":
    import json

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(json.dumps(bench_backup(), indent=2))

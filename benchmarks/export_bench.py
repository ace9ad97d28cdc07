"""Export time of a 100-item meeting in every format.

"export alone" is ``publishing.write`` of a prepared export (what the dialog's worker
does); "whole process" is ``minute-taker export`` run as a new process on a book that
holds the meeting, beside the baseline of a Python process that does nothing. DOCX and
PDF are also measured beside a baseline that writes the same words with the same
library and no layout: python-docx plain paragraphs for DOCX, Typst setting the same
words as plain paragraphs for PDF. The ratio is what layout costs."""

import copy
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ITEMS = 100


def big_meeting(items: int = ITEMS) -> dict[str, Any]:
    """The demo meeting grown to ``items`` top-level items, each with nested findings,
    a decision and two actions (like item 1.2 of the reference meeting)."""
    from minute_taker.services import interchange

    document = copy.deepcopy(interchange.demo_document())
    template = document["items"][0]["children"][1]
    grown, actions = [], []
    for number in range(1, items + 1):
        item = copy.deepcopy(template)
        item.update(uid=str(uuid.uuid4()), number=str(number), children=[],
                    title=f"{template['title']} ({number})")
        for decision in item["decisions"]:
            decision["uid"] = str(uuid.uuid4())
        grown.append(item)
        for action in document["actions"][:2]:
            actions.append({**action, "uid": str(uuid.uuid4()), "item": item["uid"]})
    document["items"], document["actions"] = grown, actions
    return document


def _timed(fn: Any, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def _summary(app: list[float], base: list[float], what: str) -> dict[str, Any]:
    app_ms, base_ms = statistics.median(app) * 1000, statistics.median(base) * 1000
    return {"app": {"median_ms": round(app_ms, 1), "samples": len(app)},
            "baseline": {"median_ms": round(base_ms, 1), "samples": len(base),
                         "description": what},
            "ratio": round(app_ms / base_ms, 2) if base_ms else None}


FORMATS = ("docx", "pdf", "html", "md", "txt", "csv", "ics")


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def bench_formats(runs: int = 3) -> dict[str, Any]:
    """Each format, export alone and as a whole ``minute-taker export`` process."""
    from minute_taker.export import formats
    from minute_taker.services import interchange, publishing
    from minute_taker.store.book import MinuteBook

    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        book_path = out / "bench.minutebook"
        document = big_meeting()
        first = document["items"][0]["uid"]
        for row in document["attendance"]:  # the grown meeting has other items
            for key in ("arrived_during_item", "left_after_item"):
                row[key] = first if row[key] else None
        for row in document["declarations"]:
            row["item"] = first if row["item"] else None
        with MinuteBook.open(book_path, actor="bench") as book:
            meeting_id = interchange.import_meeting(book, document)
            prepared = {fmt: publishing.prepare(book, formats.ExportRequest(
                meeting_id=meeting_id, fmt=fmt, public=False)) for fmt in FORMATS}
        env = {**os.environ, "MINUTE_TAKER_HOME": str(out / "home")}
        nothing = _timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True),
                         runs)
        for fmt in FORMATS:
            alone = _timed(lambda fmt=fmt: publishing.write(prepared[fmt], out / f"m.{fmt}"),
                           runs)
            command = [sys.executable, "-m", "minute_taker", "export", str(book_path),
                       "--meeting", str(meeting_id), "--format", fmt, "--full",
                       "-o", str(out / f"cli.{fmt}")]
            whole = _timed(lambda command=command: subprocess.run(
                command, check=True, capture_output=True, env=env), runs)
            results[fmt] = {"export_alone_ms": _median_ms(alone),
                            "whole_process_ms": _median_ms(whole),
                            "bytes": (out / f"m.{fmt}").stat().st_size}
    results["python_doing_nothing_ms"] = _median_ms(nothing)
    results["samples"] = runs
    return results


_MEMORY_SCRIPT = """
import sys
sys.path.insert(0, {here!r})
import export_bench
from minute_taker.export import formats
from minute_taker.services import publishing
from minute_taker.export.styles import style_for

def rss_mib():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2 ** 20

document = export_bench.big_meeting()
request = formats.ExportRequest(meeting_id=0, fmt="pdf", public=False)
prepared = formats.PreparedExport(request, document, style_for("narrative"), False)
before = rss_mib()
sizes = []
for _ in range({exports}):
    publishing.write(prepared, {out!r})
    sizes.append(rss_mib())
print(round(before), round(sizes[0]), round(sizes[-1]))
"""


def bench_pdf_memory(exports: int = 8) -> dict[str, Any]:
    """Resident memory of a process exporting the 100-item meeting to PDF again and again:
    what stays after each export should not add up (Typst's caches, pdf._release_caches)."""
    if not Path("/proc/self/statm").exists():
        return {"skipped": "needs /proc (Linux)"}
    with tempfile.TemporaryDirectory() as folder:
        script = _MEMORY_SCRIPT.format(here=str(Path(__file__).parent), exports=exports,
                                       out=str(Path(folder) / "m.pdf"))
        done = subprocess.run([sys.executable, "-c", script], check=True,
                              capture_output=True, text=True)
    before, first, last = (int(v) for v in done.stdout.split())
    return {"exports": exports, "rss_before_mib": before, "rss_after_first_mib": first,
            "rss_after_last_mib": last, "growth_after_first_mib": last - first}


GROWTH_ITEMS = (100, 300)
GROWTH_FORMATS = ("docx", "pdf", "html", "txt")


def bench_growth(runs: int = 2) -> dict[str, Any]:
    """Export alone of the meeting at 100 and at 300 items: ``ratio`` near 3 is linear in
    items, above it the export grows faster than the meeting."""
    from minute_taker.export import formats
    from minute_taker.export.styles import style_for
    from minute_taker.services import publishing

    house = style_for("narrative")
    times: dict[str, dict[int, float]] = {fmt: {} for fmt in GROWTH_FORMATS}
    with tempfile.TemporaryDirectory() as folder:
        for items in GROWTH_ITEMS:
            document = big_meeting(items)
            for fmt in GROWTH_FORMATS:
                prepared = formats.PreparedExport(
                    formats.ExportRequest(meeting_id=0, fmt=fmt, public=False), document,
                    house, False)
                out = Path(folder) / f"m{items}.{fmt}"
                times[fmt][items] = _median_ms(
                    _timed(lambda prepared=prepared, out=out: publishing.write(prepared, out),
                           runs))
    small, large = GROWTH_ITEMS
    return {fmt: {f"{small}_items_ms": by_size[small], f"{large}_items_ms": by_size[large],
                  "ratio": round(by_size[large] / by_size[small], 2)}
            for fmt, by_size in times.items()}


def bench_export(runs: int = 3) -> dict[str, Any]:
    import docx

    from minute_taker.export import formats
    from minute_taker.export.pdf.typeset import render_pdf
    from minute_taker.export.plain import render_text
    from minute_taker.export.styles import style_for
    from minute_taker.services import publishing

    document = big_meeting()
    house = style_for("narrative")
    request = formats.ExportRequest(meeting_id=0, fmt="docx", public=False)
    prepared = formats.PreparedExport(request, document, house, False)
    pdf_prepared = formats.PreparedExport(
        formats.ExportRequest(meeting_id=0, fmt="pdf", public=False), document, house, False)
    words = render_text(document, house=house, public=False, markdown=False)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)

        def plain_docx() -> None:
            doc = docx.Document()
            for line in words.splitlines():
                doc.add_paragraph(line)
            doc.save(str(out / "plain.docx"))

        plain_page = {"title": "Plain", "author": "", "keywords": [], "header_left": "",
                      "header_right": "", "marks": [], "draft_watermark": False,
                      "logo_alt": "", "style": {"font_size": 11, "heading_colour": "#000000"},
                      "blocks": [{"k": "par", "runs": [{"t": line}]}
                                 for line in words.splitlines() if line.strip()]}

        def plain_pdf() -> None:
            (out / "plain.pdf").write_bytes(render_pdf(plain_page).data)

        docx_app = _timed(lambda: publishing.write(prepared, out / "m.docx"), runs)
        docx_base = _timed(plain_docx, runs)
        pdf_app = _timed(lambda: publishing.write(pdf_prepared, out / "m.pdf"), runs)
        pdf_base = _timed(plain_pdf, runs)
    return {"items": ITEMS, "words": len(words.split()), "formats": bench_formats(runs),
            "pdf_memory": bench_pdf_memory(), "growth": bench_growth(min(runs, 2)),
            "docx": _summary(docx_app, docx_base, "python-docx, the same words as plain "
                                                  "paragraphs"),
            "pdf": _summary(pdf_app, pdf_base, "Typst setting the same words as plain "
                                               "paragraphs")}

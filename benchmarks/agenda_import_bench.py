"""Importing a 30-item Word agenda (issue 21: under 1 s).

A Word agenda of 30 items as a panel publishes one: Word's own numbering from 233, a
sub-item under every third item, an agenda text under each, a presenter and a paper
under every other. Timed, each run on a fresh copy of a book with an empty draft meeting:

- **read**: ``services.agenda_files.read_agenda_bytes`` (python-docx opens the file, the
  numbering is worked out, the lines are read into items);
- **import**: ``services.agenda_import.import_agenda`` into the meeting (one transaction);
- **baseline**: ``docx.Document`` opening the same file and walking its paragraphs' text,
  the least any reader of it does, measured in the same run.

Medians of ``runs`` after one untimed run.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

ITEMS = 30


def agenda_docx(items: int = ITEMS) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("West Mercia Police and Crime Panel", style="Title")
    document.add_paragraph("Tuesday 6 February 2018, 10.30 am, County Hall, Worcester")
    numbering = document.part.numbering_part.element
    abstract = numbering.findall(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}abstractNum")[0]
    num = numbering.add_num(int(abstract.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}abstractNumId")))
    num.add_lvlOverride(ilvl=0).add_startOverride(233)

    def numbered(text: str, level: int = 0) -> None:
        paragraph = document.add_paragraph(text)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = num.numId

    made = 0
    while made < items:
        n = made
        numbered(f"Police and Crime Plan activity and performance report, part {n}")
        document.add_paragraph(f"To consider the report of the Commissioner on area {n}.")
        if n % 2 == 0:
            document.add_paragraph("Presenter: PCC")
            document.add_paragraph(f"Report {n} PDF {100 + n} KB")
        made += 1
        if n % 3 == 0 and made < items:
            numbered(f"Questions from members on area {n}", level=1)
            made += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def bench_agenda_import(runs: int = 15) -> dict[str, Any]:
    import docx

    from minute_taker.services import agenda, agenda_import, committees, meetings
    from minute_taker.services.agenda_files import read_agenda_bytes
    from minute_taker.store.book import MinuteBook

    data = agenda_docx()
    with tempfile.TemporaryDirectory(prefix="minute-taker-agenda-") as folder:
        template = Path(folder) / "template.minutebook"
        with MinuteBook.open(template, actor="bench") as book:
            committee = committees.create_committee(book, "Police and Crime Panel")
            meeting_id = meetings.create_meeting(book, committee.id, "Panel",
                                                 dt.date(2018, 2, 6)).id
        reads, imports, baselines = [], [], []
        added = 0
        for run in range(runs + 1):
            start = time.perf_counter()
            document = docx.Document(io.BytesIO(data))
            _ = [paragraph.text for paragraph in document.paragraphs]
            baseline = time.perf_counter() - start

            start = time.perf_counter()
            read = read_agenda_bytes(data, "agenda.docx")
            read_s = time.perf_counter() - start
            path = Path(folder) / f"run{run}.minutebook"
            shutil.copyfile(template, path)
            with MinuteBook.open(path, actor="bench") as book:
                start = time.perf_counter()
                result = agenda_import.import_agenda(book, meeting_id, read)
                import_s = time.perf_counter() - start
                added = len(agenda.list_items(book, meeting_id))
            if run:
                reads.append(read_s)
                imports.append(import_s)
                baselines.append(baseline)
        total = [r + i for r, i in zip(reads, imports, strict=True)]
        return {
            "items_in_file": len(read.items), "items_in_meeting": added,
            "papers": result.papers, "file_kb": round(len(data) / 1024, 1), "runs": runs,
            "read_ms": round(statistics.median(reads) * 1000, 1),
            "import_ms": round(statistics.median(imports) * 1000, 1),
            "total_ms": round(statistics.median(total) * 1000, 1),
            "total_max_ms": round(max(total) * 1000, 1),
            "baseline_docx_open_ms": round(statistics.median(baselines) * 1000, 1),
            "ratio": round(statistics.median(total) / statistics.median(baselines), 1),
            "goal": "total under 1 s",
        }


if __name__ == "__main__":
    import json

    print(json.dumps(bench_agenda_import(), indent=2))

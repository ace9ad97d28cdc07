"""Export time of a 100-item meeting to DOCX and PDF, each beside a baseline that writes
the same words with the same library and no layout: python-docx plain paragraphs for
DOCX, Typst setting the same words as plain paragraphs for PDF. The ratio is what
layout costs."""

import copy
import statistics
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


def bench_export(runs: int = 3) -> dict[str, Any]:
    import docx

    from minute_taker.export import publish
    from minute_taker.export.pdf import render_pdf
    from minute_taker.export.plain import render_text
    from minute_taker.export.styles import style_for

    document = big_meeting()
    house = style_for("narrative")
    request = publish.ExportRequest(meeting_id=0, fmt="docx", public=False)
    prepared = publish.PreparedExport(request, document, house, False)
    pdf_prepared = publish.PreparedExport(
        publish.ExportRequest(meeting_id=0, fmt="pdf", public=False), document, house, False)
    words = render_text(document, house=house, public=False, markdown=False)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)

        def plain_docx() -> None:
            doc = docx.Document()
            for line in words.splitlines():
                doc.add_paragraph(line)
            doc.save(str(out / "plain.docx"))

        plain_page = {"title": "Plain", "author": "", "header_left": "", "header_right": "",
                      "marks": [], "style": {"font_size": 11, "heading_colour": "#000000"},
                      "blocks": [{"k": "par", "runs": [{"t": line}]}
                                 for line in words.splitlines() if line.strip()]}

        def plain_pdf() -> None:
            (out / "plain.pdf").write_bytes(render_pdf(plain_page).data)

        docx_app = _timed(lambda: publish.write(prepared, out / "m.docx"), runs)
        docx_base = _timed(plain_docx, runs)
        pdf_app = _timed(lambda: publish.write(pdf_prepared, out / "m.pdf"), runs)
        pdf_base = _timed(plain_pdf, runs)
    return {"items": ITEMS, "words": len(words.split()),
            "docx": _summary(docx_app, docx_base, "python-docx, the same words as plain "
                                                  "paragraphs"),
            "pdf": _summary(pdf_app, pdf_base, "Typst setting the same words as plain "
                                               "paragraphs")}
